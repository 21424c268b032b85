# pd_restore at scale: an archive with more tables than the lock table of the
# target holds restores at default max_locks_per_transaction, many entries
# per transaction (not one commit per entry); a failing entry in a batch
# fails alone and is named; large objects load in parallel ranges.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $n_tables = $ENV{PD_TEST_TABLES} // 7000;

# the source may lock every table (the dump side at default settings is not this test's)
my $src = new_node('scale_src', "max_locks_per_transaction = 256\n");
# the target keeps the defaults: 64 x (100 + 8 + ...) lock slots, fewer than the tables' locks
my $dst = new_node('scale_dst');
is($dst->safe_psql('postgres', 'SHOW max_locks_per_transaction'), '64', 'target at default lock settings');
$dst->safe_psql('postgres', 'CREATE EXTENSION parallel_dump');

$src->safe_psql('postgres', 'CREATE DATABASE many');
$src->safe_psql('many', 'CREATE EXTENSION parallel_dump');
for (my $from = 1; $from <= $n_tables; $from += 1000) {
    my $to = $from + 999 > $n_tables ? $n_tables : $from + 999;
    $src->safe_psql('many', qq{DO \$\$BEGIN
      FOR i IN $from..$to LOOP
        EXECUTE format('CREATE TABLE t%s (id serial PRIMARY KEY, v text)', i);
        EXECUTE format('INSERT INTO t%s (v) SELECT %L || g FROM generate_series(1, 3) g', i, 'row of ' || i || ' ');
      END LOOP;
    END\$\$});
}
my $archive = archive_dir('many');
my $t0 = time();
$src->safe_psql('many', "SELECT pd_dump('$archive', 2)");
note(sprintf('pd_dump of %d tables: %.1f s', $n_tables, time() - $t0));

# the target: what the lock table holds, against what the tables need
my $slots = $dst->safe_psql('postgres', q{SELECT current_setting('max_locks_per_transaction')::int
  * (current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int)});
cmp_ok($n_tables, '>', $slots, "more tables ($n_tables) than the target's lock table holds ($slots)");

$dst->safe_psql('postgres', 'CREATE DATABASE many');
my $commits_sql = q{SELECT xact_commit FROM pg_stat_database WHERE datname = 'many'};
$dst->safe_psql('postgres', 'SELECT pg_stat_force_next_flush()');
my $commits0 = $dst->safe_psql('postgres', $commits_sql);
$t0 = time();
my ($ret, $out, $err) = $dst->psql('postgres', "SELECT restored, failed FROM pd_restore('$archive', 'many', 2)");
my $took = time() - $t0;
is($ret, 0, "pd_restore jobs 2 of $n_tables tables at default lock settings") or diag($err);
like($out, qr/^\d+\|0$/, 'no entry failed') or diag($err);
note(sprintf('pd_restore of %d tables: %.1f s', $n_tables, $took));
my ($restored) = $out =~ /^(\d+)\|/;
cmp_ok($restored // 0, '>=', 5 * $n_tables, 'table, sequence, default, data and key entries restored');
# each backend flushes its counters when it exits: the workers have
$dst->safe_psql('postgres', 'SELECT pg_stat_force_next_flush()');
sleep 1;
my $commits = $dst->safe_psql('postgres', $commits_sql) - $commits0;
# pre-data in batches: far fewer commits than entries (one each: > 5 x tables)
cmp_ok($commits, '<', 4 * $n_tables, "many entries per transaction ($commits commits for $restored entries)");

is($dst->safe_psql('many', q{SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname ~ '^t\d+$'}),
    $n_tables, 'every table restored');
# the source's schema, rows and sequences, compared with pg_dump: it locks
# every table, so the target is read with a raised lock setting
$dst->append_conf('postgresql.conf', "max_locks_per_transaction = 256\n");
$dst->restart;
same_text(schema_of($dst, 'many'), schema_of($src, 'many'), 'pg_dump -s identical');
same_text(data_of($dst, 'many'), data_of($src, 'many'), 'rows and sequences identical');
$dst->append_conf('postgresql.conf', "max_locks_per_transaction = 64\n");
$dst->restart;

# --- a failing entry in a batch ----------------------------------------------
$src->safe_psql('postgres', 'CREATE DATABASE few');
$src->safe_psql('few', q{CREATE EXTENSION parallel_dump; DO $$BEGIN
  FOR i IN 1..300 LOOP EXECUTE format('CREATE TABLE f%s (a int)', i); END LOOP; END$$});
my $few = archive_dir('few');
$src->safe_psql('few', "SELECT pd_dump('$few', 2)");
my $few_id = $src->safe_psql('few', "SELECT dump_id FROM pd_list('$few') WHERE kind = 'TABLE' AND name = 'f150'");
like($few_id, qr/^\d+$/, 'the entry of table f150');
# f150 exists already in the target: its CREATE TABLE fails, in a batch with the others
$dst->safe_psql('postgres', 'CREATE DATABASE few');
$dst->safe_psql('few', 'CREATE TABLE f150 (a int)');
($ret, $out, $err) = $dst->psql('postgres', "SELECT restored, failed FROM pd_restore('$few', 'few', 2, exit_on_error => false)");
my $few_entries = $src->safe_psql('few', "SELECT count(*) FROM pd_list('$few')
  WHERE kind NOT IN ('ENCODING', 'STDSTRINGS', 'SEARCHPATH', 'DATABASE', 'DATABASE PROPERTIES')");
my $expected = ($few_entries - 1) . '|1';
is($out, $expected, 'without exit_on_error every other entry restores, one failure counted') or diag($err);
like($err, qr/WARNING:  could not restore TOC entry $few_id; TABLE f150: relation "f150" already exists/,
    'the failure names its entry');
is($dst->safe_psql('few', q{SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname ~ '^f\d+$'}), '300',
    'the tables of the failed batch exist');

$dst->safe_psql('postgres', 'DROP DATABASE few; CREATE DATABASE few');
$dst->safe_psql('few', 'CREATE TABLE f150 (a int)');
($ret, $out, $err) = $dst->psql('postgres', "SELECT restored, failed FROM pd_restore('$few', 'few', 2)");
isnt($ret, 0, 'with exit_on_error the restore stops');
like($err, qr/ERROR:  relation "f150" already exists/, 'at the error');
like($err, qr/restoring TOC entry $few_id; TABLE public\.f150/, 'naming the entry');

# --- large objects in parallel ranges ----------------------------------------
my $n_lobs = 20000;
$src->safe_psql('postgres', 'CREATE DATABASE lobs');
$src->safe_psql('lobs', qq{CREATE EXTENSION parallel_dump;
  SELECT count(lo_from_bytea(0, convert_to('large object ' || g || repeat('y', g % 31), 'UTF8')))
    FROM generate_series(1, $n_lobs) g;
  SELECT lo_unlink(oid) FROM (SELECT oid FROM pg_largeobject_metadata ORDER BY oid OFFSET 19990) s;});
my $lobs_sql = q{SELECT count(*) || ' ' || md5(string_agg(m.oid || ' ' || md5(lo_get(m.oid)), ',' ORDER BY m.oid))
  FROM pg_largeobject_metadata m};
my $lobs_src = $src->safe_psql('lobs', $lobs_sql);
like($lobs_src, qr/^19990 /, '19,990 large objects to restore');
my $lobs = archive_dir('lobs');
$src->safe_psql('lobs', "SELECT pd_dump('$lobs', 2)");
$dst->safe_psql('postgres', 'CREATE DATABASE lobs');
($ret, $out, $err) = $dst->psql('postgres', "SELECT restored, failed FROM pd_restore('$lobs', 'lobs', 2)");
like($out, qr/^\d+\|0$/m, 'large objects restored') or diag($err);
# each worker loads its range of blobs.toc in a transaction of its own
is($dst->safe_psql('lobs', 'SELECT count(DISTINCT xmin::text) FROM pg_largeobject'), '2',
    'by both workers, in ranges of blobs.toc');
is($dst->safe_psql('lobs', $lobs_sql), $lobs_src, 'every large object exact, none twice');

$dst->stop;
unlike(slurp_file($dst->logfile), qr/terminated by signal|out of shared memory/, 'no crash, no lock table overflow');
done_testing();
