# pd_dump of a schema with every supported object kind, restored by stock
# pg_restore serially and with -j 2, gives the same database.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

# logical: publications are created without a warning
my $node = new_node('roundtrip', "wal_level = logical\n");
load_rich($node, 'rich');

for my $case ([ 2, -1, '-j2' ], [ 1, 0, '-j2' ], [ 4, 9, '' ]) {
    my ($jobs, $z, $restore_jobs) = @$case;
    my $dir = archive_dir("rich_j${jobs}_z$z");
    my ($ret, $out, $err) = $node->psql('rich', "SELECT pd_dump('$dir', $jobs, $z)");
    is($ret, 0, "pd_dump jobs $jobs compression $z succeeds");
    is($out, $dir, 'pd_dump returns the path it wrote');
    unlike($err, qr/WARNING/, 'no object kind was skipped');
    ok(-f "$dir/toc.dat", 'toc.dat written');
    opendir(my $dh, $dir) or die "cannot read $dir: $!";
    my @data = grep { $z == 0 ? /^\d+\.dat$/ : /^\d+\.dat\.gz$/ } readdir($dh);
    closedir($dh);
    is(scalar(@data), 8, 'one data file for each of the 8 tables');
    my ($list) = run_command([ 'pg_restore', '-l', $dir ]);
    like($list, qr/TABLE DATA shop customer/, 'pg_restore -l lists the data');
    roundtrip_ok($node, 'rich', $dir, "copy_j$jobs", "jobs $jobs z $z",
        $restore_jobs ? ($restore_jobs) : ());
}

# an application schema in public, with values at the edges of every type
load_corpus($node, 'app', 'app_schema.sql');
my $app_dir = archive_dir('app');
$node->safe_psql('app', "SELECT pd_dump('$app_dir', 3)");
roundtrip_ok($node, 'app', $app_dir, 'app_copy', 'application schema', '-j2');
roundtrip_ok($node, 'app', $app_dir, 'app_copy_serial', 'application schema, serial restore');

# partitioned tables, sub-partitions, partitioned keys and indexes, foreign keys
# to and from partitioned tables, and table inheritance
load_corpus($node, 'parts', 'partition_schema.sql');
my $parts_dir = archive_dir('parts');
my ($pret, $pout, $perr) = $node->psql('parts', "SELECT pd_dump('$parts_dir', 2)");
unlike($perr, qr/WARNING/, 'partitions and inheritance are dumped, nothing skipped');
roundtrip_ok($node, 'parts', $parts_dir, 'parts_copy', 'partitions', '-j2');
roundtrip_ok($node, 'parts', $parts_dir, 'parts_copy_serial', 'partitions, serial restore');
my ($plist) = run_command([ 'pg_restore', '-l', $parts_dir ]);
unlike($plist, qr/TABLE DATA part (events|h|sales) /, 'no data entry for a partitioned parent');
like($plist, qr/TABLE DATA part events_2024 /, 'data entries for the leaves');

# row-level security, rules, extended statistics, collations, event triggers,
# publications and default privileges
load_corpus($node, 'kinds', 'more_kinds.sql');
my $kinds_dir = archive_dir('kinds');
my ($kret, $kout, $kerr) = $node->psql('kinds', "SELECT pd_dump('$kinds_dir', 2)");
unlike($kerr, qr/WARNING/, 'all these kinds are dumped, nothing skipped');
roundtrip_ok($node, 'kinds', $kinds_dir, 'kinds_copy', 'more object kinds', '-j2');
is($node->safe_psql('kinds_copy', 'SELECT count(*) FROM sec.forced'), '2', 'rows of a FORCE RLS table');

# corner cases pg_dump treats specially: views needing a primary key, matviews
# refreshed through views, empty operator classes, shell types, inherited
# generated columns, NOT VALID checks, partition trigger states, foreign
# tables with constraints/inheritance/partitions, privileges on pg_catalog
load_corpus($node, 'edge', 'edge_kinds.sql');
my $edge_dir = archive_dir('edge');
my ($eret, $eout, $eerr) = $node->psql('edge', "SELECT pd_dump('$edge_dir', 2)");
like($eerr, qr/\A[^\n]*NOTICE:  pd_dump: \d+ of \d+ items, [^\n]*\n?\z/,
    'corner cases: pd_dump says nothing but its summary');
roundtrip_ok($node, 'edge', $edge_dir, 'edge_copy', 'corner cases', '-j2');
roundtrip_ok($node, 'edge', $edge_dir, 'edge_copy_serial', 'corner cases, serial restore');
my ($elist) = run_command([ 'pg_restore', '-l', $edge_dir ]);
like($elist, qr/RULE edge by_key _RETURN/, 'a view needing a key gets its query after the key');
like($elist, qr/ACL pg_catalog COLUMN pg_proc.prosrc/, 'column privileges on pg_catalog are kept');

# the archive of a database is not influenced by the caller's settings
$node->safe_psql('rich', q{ALTER DATABASE rich SET datestyle = 'SQL, DMY'});
$node->safe_psql('rich', q{ALTER DATABASE rich SET extra_float_digits = -3});
my $dir = archive_dir('rich_settings');
$node->safe_psql('rich', qq{SET bytea_output = escape; SET search_path = shop, public;
  SET intervalstyle = sql_standard; SELECT pd_dump('$dir')});
$node->safe_psql('rich', q{ALTER DATABASE rich RESET ALL});
roundtrip_ok($node, 'rich', $dir, 'copy_settings', 'odd session settings', '-j2');

# a role that may write server files and read the tables, but is no superuser
$node->safe_psql('postgres', q{
  CREATE DATABASE owned;
  CREATE ROLE dumper LOGIN IN ROLE pg_write_server_files});
$node->safe_psql('owned', q{
  CREATE EXTENSION parallel_dump;
  GRANT EXECUTE ON FUNCTION pd_dump TO dumper;
  CREATE TABLE t1 AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 5000) g;
  CREATE TABLE t2 (id int PRIMARY KEY);
  INSERT INTO t2 SELECT generate_series(1, 100);
  ALTER TABLE t1 OWNER TO dumper;
  GRANT SELECT ON t2 TO dumper;});
$dir = archive_dir('owned');
my ($ret, $out, $err) = $node->psql('owned', "SELECT pd_dump('$dir', 2)",
    connstr => $node->connstr('owned') . ' user=dumper');
is($ret, 0, 'a non-superuser with pg_write_server_files can dump') or diag($err);
roundtrip_ok($node, 'owned', $dir, 'owned_copy', 'dump by a plain role', '-j2');

$node->stop;
done_testing();
