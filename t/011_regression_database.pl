# The classic test of a dump tool: the database PostgreSQL's own regression
# tests leave behind (thousands of objects of every kind, written by the
# PostgreSQL developers, not by us).  pd_dump's archive restored by stock
# pg_restore -j 2 and by pd_restore must give the same database as pg_dump's
# own round trip; pd_restore must restore pg_dump's archive the same way.
#
# The regression tests come from PostgreSQL 15's Debian source package
# (scripts/fetch-pg-regress.sh, run by scripts/test.sh), found through
# PD_PG_REGRESS_DIR.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $src = $ENV{PD_PG_REGRESS_DIR} // '';
plan skip_all => 'PostgreSQL regression sources not fetched (run scripts/fetch-pg-regress.sh and set PD_PG_REGRESS_DIR)'
  unless -f "$src/parallel_schedule" && -f "$src/regress.so";

my $node = new_node('regression', "max_connections = 40\nmax_prepared_transactions = 5\n");
my $outdir = PostgreSQL::Test::Utils::tempdir('pg_regress_out');
my ($pg_config_out) = run_command([ 'pg_config', '--pkglibdir', '--bindir' ]);
my ($pkglibdir, $pgbin) = split /\n/, $pg_config_out;
my ($out, $err) = run_command(
    [
        "$pkglibdir/pgxs/src/test/regress/pg_regress", "--inputdir=$src",
        "--outputdir=$outdir",                          "--bindir=$pgbin",
        "--dlpath=$src",                                '--host=' . $node->host,
        '--port=' . $node->port,                        "--schedule=$src/parallel_schedule",
        '--max-connections=8'
    ]);
note("pg_regress: " . (($out =~ /^(.*tests.*(?:failed|passed).*)$/m)[0] // 'no summary'));
my $objects = $node->safe_psql('regression', 'SELECT count(*) FROM pg_class WHERE oid >= 16384');
cmp_ok($objects, '>', 1000, "the regression tests left a database behind ($objects relations)");

$node->safe_psql('regression', 'CREATE EXTENSION parallel_dump');
my $pd_dir = archive_dir('regression_pd');
my $pg_dir = archive_dir('regression_pg');
my ($ret, $stdout, $stderr) = $node->psql('regression', "SELECT pd_dump('$pd_dir', 2)");
is($ret, 0, 'pd_dump of the regression database succeeds') or diag($stderr);
unlike($stderr, qr/WARNING|dependency loop|restored after the data/, 'pd_dump: nothing skipped, no loop left');
command_ok([ 'pg_dump', '-Fd', '-j2', '-f', $pg_dir, '-d', $node->connstr('regression') ], 'pg_dump -Fd -j2');

# pg_dump's own round trip is the reference (pg_dump itself does not keep
# every inherited column's position, so the source database is not)
my $ref_err = restore_archive($node, $pg_dir, 'ref', '-j2');
is($ref_err, '', 'reference: pg_restore -j2 of pg_dump\'s archive reports nothing');
my $schema = schema_of($node, 'ref');
my $data = data_of($node, 'ref');

my $pd_err = restore_archive($node, $pd_dir, 'via_pg_restore', '-j2');
is($pd_err, '', 'pd_dump -> pg_restore -j2 reports nothing');
same_text(schema_of($node, 'via_pg_restore'), $schema, 'pd_dump -> pg_restore -j2: same schema');
same_text(data_of($node, 'via_pg_restore'), $data, 'pd_dump -> pg_restore -j2: same rows, sequences, large objects');

$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump'); # restores are run from here
for my $case ([ $pd_dir, 'pd_pd', 'pd_dump -> pd_restore' ], [ $pg_dir, 'pg_pd', 'pg_dump -> pd_restore' ]) {
    my ($dir, $target, $what) = @$case;
    $node->safe_psql('postgres', "CREATE DATABASE $target");
    my ($r, $o, $e) = $node->psql('postgres', "SELECT restored, failed FROM pd_restore('$dir', '$target', 2)");
    # CREATE SUBSCRIPTION warns about wal_level as it does under pg_restore
    is($r, 0, "$what: succeeds") or diag($e);
    like($o, qr/^\d+\|0$/, "$what: no entry failed ($o)");
    same_text(schema_of($node, $target), $schema, "$what: same schema");
    same_text(data_of($node, $target), $data, "$what: same rows, sequences, large objects");
}

# selection and output options, each compared with pg_dump's with the same option
for my $case ([ 'schema_only => true', '-s', 'schema_only' ], [ 'no_privileges => true', '-x', 'no_privileges' ],
    [ q{exclude_schemas => '{public}'}, '-N public', 'exclude_schemas' ]) {
    my ($pd_opt, $pg_opt, $what) = @$case;
    my $pd_opt_dir = archive_dir("regression_pd_$what");
    my $pg_opt_dir = archive_dir("regression_pg_$what");
    my ($r, $o, $e) = $node->psql('regression', "SELECT pd_dump('$pd_opt_dir', 2, $pd_opt)");
    is($r, 0, "$what: pd_dump succeeds") or diag($e);
    command_ok([ 'pg_dump', '-Fd', split(/ /, $pg_opt), '-f', $pg_opt_dir, '-d', $node->connstr('regression') ],
        "$what: pg_dump $pg_opt");
    restore_archive($node, $pg_opt_dir, "ref_$what", '-j2');
    restore_archive($node, $pd_opt_dir, "pd_$what", '-j2');
    same_text(schema_of($node, "pd_$what"), schema_of($node, "ref_$what"), "$what: same schema as pg_dump's");
    same_text(data_of($node, "pd_$what"), data_of($node, "ref_$what"), "$what: same rows as pg_dump's");
}

done_testing();
