# Extensions' configuration tables (pg_extension_config_dump): the rows users
# added, through the extension's filter, and the sequences' values, restored
# as pg_dump's archive restores them.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('extconfig');
my ($ret, $out, $err) = $node->psql('postgres', 'SELECT 1 FROM pg_available_extensions WHERE name = \'pd_test_config\'');
plan skip_all => 'the pd_test_config fixture is not installed (scripts/test.sh installs it)' unless $out eq '1';

$node->safe_psql('postgres', 'CREATE DATABASE app');
$node->safe_psql('app', q{
  CREATE EXTENSION parallel_dump;
  CREATE EXTENSION pd_test_config;
  INSERT INTO pd_cfg VALUES (10, 'mine', false), (11, E'tab\there', false);
  INSERT INTO pd_cfg_all SELECT 'row ' || g FROM generate_series(1, 500) g;
  SELECT nextval('pd_cfg_seq') FROM generate_series(1, 7);
  CREATE TABLE plain (id int);
  INSERT INTO plain VALUES (1);});

my $ours = archive_dir('ours');
($ret, $out, $err) = $node->psql('app', "SELECT pd_dump('$ours', 2)");
is($ret, 0, 'pd_dump succeeds');
unlike($err, qr/WARNING/, 'no WARNING: configuration tables are dumped');
my $theirs = archive_dir('theirs');
command_ok([ 'pg_dump', '-Fd', '-f', $theirs, '-d', $node->connstr('app') ], 'pg_dump');

my $entries = $node->safe_psql('app', qq{SELECT string_agg(kind || ' ' || name, ', ' ORDER BY kind, name)
  FROM pd_list('$ours') WHERE kind IN ('TABLE DATA', 'SEQUENCE SET')});
is($entries, 'SEQUENCE SET pd_cfg_seq, TABLE DATA pd_cfg, TABLE DATA pd_cfg_all, TABLE DATA plain',
    'data entries for the configuration tables and sequence');

for my $jobs ('-j2', '-j1') {
    is(restore_archive($node, $ours, 'ours_copy', $jobs), '', "restore ours $jobs");
    is(restore_archive($node, $theirs, 'theirs_copy', $jobs), '', "restore pg_dump's $jobs");
    is($node->safe_psql('ours_copy', 'SELECT string_agg(id::text, \',\' ORDER BY id) FROM pd_cfg'), '1,2,10,11',
        "$jobs: shipped rows and the users' rows, once each");
    same_text(data_of($node, 'ours_copy'), data_of($node, 'theirs_copy'), "$jobs: same data as pg_dump's");
    same_text(schema_of($node, 'ours_copy'), schema_of($node, 'theirs_copy'), "$jobs: same schema as pg_dump's");
}
is($node->safe_psql('ours_copy', 'SELECT last_value FROM pd_cfg_seq'), '7', 'sequence value kept');

# the selection applies to configuration tables and sequences as pg_dump's
# processExtensionTables applies it: -T drops a table's rows, -n keeps those
# of the schema's configuration tables and sequences (the extension is not dumped)
sub data_entries {
    my ($dir) = @_;
    return $node->safe_psql('app', qq{SELECT string_agg(kind || ' ' || name, ', ' ORDER BY kind, name)
      FROM pd_list('$dir') WHERE kind IN ('TABLE DATA', 'SEQUENCE SET')});
}
for my $case ([ 'exclude_tables', q{exclude_tables => '{pd_cfg_all}'}, [ '-T', 'pd_cfg_all' ],
                'SEQUENCE SET pd_cfg_seq, TABLE DATA pd_cfg, TABLE DATA plain' ],
              [ 'schemas', q{schemas => '{public}'}, [ '-n', 'public' ],
                'SEQUENCE SET pd_cfg_seq, TABLE DATA pd_cfg, TABLE DATA pd_cfg_all, TABLE DATA plain' ],
              [ 'tables', q{tables => '{plain}'}, [ '-t', 'plain' ], 'TABLE DATA plain' ]) {
    my ($name, $args, $opts, $want) = @$case;
    my $pd = archive_dir("ours_$name");
    $node->safe_psql('app', "SELECT pd_dump('$pd', 2, $args)");
    my $pg = archive_dir("theirs_$name");
    command_ok([ 'pg_dump', '-Fd', '-f', $pg, @$opts, '-d', $node->connstr('app') ], "pg_dump @$opts");
    is(data_entries($pg), $want, "$name: pg_dump's data entries");
    is(data_entries($pd), $want, "$name: the same data entries");
}

$node->stop;
done_testing();
