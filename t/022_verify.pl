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

# --- pd_verify ------------------------------------------------------------
sub problems {
    my ($dir) = @_;
    my ($ret, $out, $err) = $node->psql('v',
        "SELECT coalesce(string_agg(file || ': ' || problem, E'\\n' ORDER BY file), '') FROM pd_verify('$dir')");
    return $ret == 0 ? $out : "ERROR: $err";
}
sub data_file_of {
    my ($dir, $table) = @_;
    return $node->safe_psql('v', "SELECT data_file FROM pd_list('$dir') WHERE kind = 'TABLE DATA' AND name = '$table'");
}
my %pg_dump;
for my $z (6, 0) {
    my $dir = archive_dir("pg_dump_z$z");
    my ($out, $err) = run_command([ 'pg_dump', '-Fd', "-Z$z", '-f', $dir, '-d', $node->connstr('v') ]);
    $pg_dump{$z} = $dir;
    is(problems($dir), '', "pd_verify: nothing for pg_dump's archive, -Z$z");
}
is(problems($archive{$_}), '', "pd_verify: nothing for pd_dump's archive, compression $_") for (-1, 0);

# one kind of damage each, named by file
my $u = data_file_of($pg_dump{0}, 'u');
my $t = data_file_of($pg_dump{0}, 't');
sub damaged {
    my ($from, $name, $edit) = @_;
    my $dir = copy_archive($from, $name);
    $edit->($dir);
    return problems($dir);
}
sub rewrite {
    my ($file, $edit) = @_;
    my $text = slurp_file($file);
    $text = $edit->($text);
    open(my $fh, '>:raw', $file) or die "$file: $!";
    print $fh $text;
    close $fh;
}
my $gz = data_file_of($pg_dump{6}, 't') . '.gz';
like(damaged($pg_dump{6}, 'v_flip_pg', sub { flip_byte("$_[0]/$gz", 2000) }),
    qr/^\Q$gz\E: could not uncompress/m, "a flipped byte in pg_dump's gzip member names $gz");
my $ours_gz = data_file_of($archive{-1}, 't') . '.gz';
my $got = damaged($archive{-1}, 'v_flip_ours', sub { flip_byte("$_[0]/$ours_gz", 2000) });
like($got, qr/^\Q$ours_gz\E: checksum mismatch$/m, "a flipped byte in pd_dump's gzip member: the manifest names $ours_gz");
like($got, qr/^\Q$ours_gz\E: could not uncompress/m, '... and so does its gzip check');
like(damaged($pg_dump{0}, 'v_trunc', sub { truncate("$_[0]/$t", (-s "$_[0]/$t") / 2) }),
    qr/^\Q$t\E: the file ends inside line \d+ \(truncated\)$/m, "a truncated data file names $t");
like(damaged($pg_dump{6}, 'v_trunc_gz', sub { truncate("$_[0]/$gz", (-s "$_[0]/$gz") - 5) }),
    qr/^\Q$gz\E: could not uncompress/m, "a truncated gzip file names $gz");
like(damaged($pg_dump{0}, 'v_missing', sub { unlink("$_[0]/$u") }),
    qr/^\Q$u\E: missing: the data file of TOC entry \d+$/m, "a missing data file names $u");
my $ours_u = data_file_of($archive{0}, 'u');
$got = damaged($archive{0}, 'v_missing_ours', sub { unlink("$_[0]/$ours_u") });
like($got, qr/^\Q$ours_u\E: present in the manifest but not on disk$/m, 'the manifest names a missing file too');
like(damaged($pg_dump{0}, 'v_columns', sub { rewrite("$_[0]/$u", sub { $_[0] =~ s/^7\trow 7$/7\trow 7\textra/m; $_[0] }) }),
    qr/^\Q$u\E: line 7 has 3 columns, the COPY statement names 2$/m, "a wrong column count names $u and the line");
like(damaged($pg_dump{0}, 'v_trailer', sub { rewrite("$_[0]/$u", sub { $_[0] =~ s/^\\\.\n+\z//m; $_[0] }) }),
    qr/^\Q$u\E: the end-of-data marker \(\\\.\) is missing/m, "a missing trailer names $u");
like(damaged($archive{0}, 'v_extra', sub { open(my $fh, '>', "$_[0]/stray.txt") or die; print $fh 'x'; close $fh }),
    qr/^stray\.txt: present on disk but not in the manifest$/m, 'an extra file is named');
like(damaged($archive{0}, 'v_manifest', sub { flip_byte("$_[0]/backup_manifest", 30) }),
    qr/^backup_manifest: /m, 'a damaged manifest is named');
like(damaged($archive{-1}, 'v_toc', sub { truncate("$_[0]/toc.dat", 100) }),
    qr/^toc\.dat: could not read archive/m, 'a truncated toc.dat is named');

# privileges as pd_list's
$node->safe_psql('v', 'CREATE ROLE nobody LOGIN');
my ($ret, $out, $err) = $node->psql('v', "SET ROLE nobody; SELECT * FROM pd_verify('$archive{0}')");
like($err, qr/permission denied for function pd_verify/, 'PUBLIC may not run pd_verify');

# --- fuzz: random damage never crashes the server --------------------------
srand(15022);
my $base = $archive{-1};
my @targets = grep { $_ eq 'toc.dat' || /\.dat(\.gz)?$/ || $_ eq 'blobs.toc' } files_of($base);
my $fz = archive_dir('fuzz');
mkdir $fz or die;
my ($cases, $errors) = (0, 0);
for my $case (1 .. 300) {
    copy("$base/$_", "$fz/$_") or die for files_of($base);
    unlink("$fz/backup_manifest") if $case % 2; # half of them without the manifest: only the archive checks
    my $victim = "$fz/" . $targets[ int(rand(@targets)) ];
    my $size = -s $victim;
    if ($size > 0 && rand() < 0.7) {
        flip_byte($victim, int(rand($size))) for 1 .. 1 + int(rand(3));
    } else {
        truncate($victim, int(rand($size + 1)));
    }
    my ($r, $o, $e) = $node->psql('v', "SELECT count(*) FROM pd_verify('$fz')");
    $cases++;
    $errors++ if $r != 0;
    last if $r != 0 && $e !~ /ERROR/; # the server is gone
    unlink("$fz/$_") for files_of($fz);
}
is($cases, 300, 'fuzz: 300 damaged archives verified');
is($errors, 0, 'fuzz: each gave problem rows, never an ERROR');
is($node->safe_psql('v', 'SELECT 1'), '1', 'fuzz: the server is up');
unlike(slurp_file($node->logfile), qr/terminated by signal/, 'fuzz: no backend crashed');

done_testing();
