# pd_dump(..., keep => N): after a successful dump, the older archives of the
# same path template beyond the N newest are removed (with a NOTICE), and
# only complete pd_dump archives (toc.dat and a valid manifest listing the
# directory's files) count or are removed: another directory, an archive
# without a manifest or with an extra file, a file or a symbolic link that
# match the template are never touched.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;
use File::Copy qw(copy);

my $node = new_node('keep');
$node->safe_psql('postgres', 'CREATE DATABASE k');
$node->safe_psql('k', q{
    CREATE EXTENSION parallel_dump;
    CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 1000) g;});

my $parent = archive_dir('keep');
mkdir $parent or die;
my $tmpl = "$parent/k-%Y%m%d-%H%M%S";

sub names {
    opendir(my $dh, $parent) or die;
    my @n = sort grep { !/^\./ } readdir($dh);
    closedir($dh);
    return join(' ', @n);
}

# four earlier runs of the template, staged with older names (a run per second would take as long)
my @old = map { "k-20200101-00000$_" } 1 .. 4;
$node->safe_psql('k', "SELECT pd_dump('$parent/$_', 1)") for @old;
# matching the template but never to be removed
mkdir "$parent/k-20190101-000000" or die;                        # another directory
open(my $fh, '>', "$parent/k-20190101-000000/notes") or die; print $fh "mine\n"; close $fh;
$node->safe_psql('k', "SELECT pd_dump('$parent/k-20180101-000000', 1)");
unlink("$parent/k-20180101-000000/backup_manifest") or die;       # an archive without a manifest
$node->safe_psql('k', "SELECT pd_dump('$parent/k-20170101-000000', 1)");
open($fh, '>', "$parent/k-20170101-000000/extra") or die; close $fh; # an archive with an extra file
open($fh, '>', "$parent/k-20160101-000000") or die; close $fh;       # a file
symlink("$parent/k-20200101-000001", "$parent/k-20150101-000000") or die; # a link to an archive
my $keep_out = "$parent/k-21000101-000000"; # a name "newer" than the run's: it is kept as one of the newest
$node->safe_psql('k', "SELECT pd_dump('$keep_out', 1)");
my $not_template = "$parent/other-20000101-000000";
$node->safe_psql('k', "SELECT pd_dump('$not_template', 1)");

# the fifth run keeps three: itself, k-21000101-000000 and k-20200101-000004
my ($ret, $written, $err) = $node->psql('k', "SELECT pd_dump('$tmpl', 1, keep => 3)");
is($ret, 0, 'pd_dump with keep => 3 succeeds');
like($written, qr{/k-\d{8}-\d{6}$}, 'it wrote an archive of the template');
(my $name = $written) =~ s{.*/}{};
for my $gone (@old[0 .. 2]) {
    ok(!-e "$parent/$gone", "$gone removed");
    like($err, qr/NOTICE:  pd_dump removed old archive "\Q$parent\/$gone\E"/, "with a NOTICE for $gone");
}
ok(-f "$parent/$old[3]/toc.dat", "$old[3] kept (third newest)");
ok(-f "$keep_out/backup_manifest", 'the newest by name kept');
ok(-f "$written/backup_manifest", 'the archive just written is there');
ok(-f "$parent/k-20190101-000000/notes", 'a directory that is no archive is left alone');
ok(-f "$parent/k-20180101-000000/toc.dat", 'an archive without a manifest is left alone');
ok(-f "$parent/k-20170101-000000/extra", 'an archive with an extra file is left alone');
ok(-f "$parent/k-20160101-000000" && -l "$parent/k-20150101-000000", 'a file and a symbolic link are left alone');
ok(-f "$not_template/toc.dat", 'an archive of another name is left alone');
unlike($err, qr/removed old archive "[^"]*(2019|2018|2017|2016|2015|21000101|other)/, 'no NOTICE for anything else');

# keep => 1 leaves only the new one of the complete archives
sleep 1; # a new name
($ret, my $second, $err) = $node->psql('k', "SELECT pd_dump('$tmpl', 1, keep => 1)");
is($ret, 0, 'pd_dump with keep => 1 succeeds');
isnt($second, $written, 'a new archive');
is(names(), join(' ', sort grep { defined } ('k-20150101-000000', 'k-20160101-000000', 'k-20170101-000000',
    'k-20180101-000000', 'k-20190101-000000', ($second =~ m{([^/]+)$})[0], 'other-20000101-000000')),
    'only the new archive and what is no complete archive remain');
is($node->safe_psql('k', "SELECT count(*) FROM pd_verify('$second')"), '0', 'the kept archive verifies');
ok(-f "$parent/k-20200101-000001/toc.dat" ? 0 : 1, 'the link\'s target was an archive of the template, removed as one');

# arguments
($ret, undef, $err) = $node->psql('k', "SELECT pd_dump('$tmpl', 1, keep => 0)");
like($err, qr/ERROR:  keep must be at least 1/, 'keep => 0 is refused');
($ret, undef, $err) = $node->psql('k', "SELECT pd_dump('$parent/plain', 1, keep => 2)");
like($err, qr/ERROR:  keep needs a path whose last component has placeholders/, 'keep needs a template');
ok(!-e "$parent/plain", '... checked before anything is written');
($ret, undef, $err) = $node->psql('k', "SELECT pd_dump('$parent/%Y/k-%d', 1, keep => 2)");
like($err, qr/ERROR:  keep needs a path whose placeholders are all in its last component/,
    'placeholders in a parent are refused');
is($node->safe_psql('k', "SELECT pd_dump('$parent/x-%S', 1, keep => NULL) IS NOT NULL"), 't',
    'keep => NULL keeps everything');

done_testing();
