# pd_dump can be trusted with what pg_dump handles: values of hundreds of MB
# (streamed, never doubled for escaping), only safe archive directories
# (owned by the server's OS user, not writable by others, claimed by one dump,
# no symbolic links followed, only its own files removed on failure), locks
# and memory that do not grow with the number of tables, and rows in
# physical order (no synchronized scans).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('trust', "shared_buffers = 16MB\nmax_locks_per_transaction = 256\n");
$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump');

# The DEBUG1 figures pd_dump reports for its worker and itself, in kB / bytes.
sub dump_with_figures {
    my ($db, $dir, $args) = @_;
    my ($ret, $out, $err) = $node->psql($db, "SET client_min_messages = debug1; SELECT pd_dump('$dir'$args)");
    is($ret, 0, "pd_dump into $dir") or diag($err);
    my ($rss, $ctx) = $err =~ /pd_dump worker 0: peak resident memory (\d+) kB, memory contexts (\d+) bytes/;
    my ($lrss, $lctx) = $err =~ /pd_dump leader: peak resident memory (\d+) kB, memory contexts (\d+) bytes/;
    return ($rss // 0, $ctx // 0, $lrss // 0, $lctx // 0);
}

sub fingerprint {
    my ($db, $table) = @_;
    return $node->safe_psql($db, "SELECT id, octet_length(v), md5(v) FROM $table ORDER BY id");
}

# --- item 4: values of hundreds of MB ------------------------------------------
# A 600 MB text value, a 200 MB one that is all escapes (400 MB of COPY text),
# a 60 MB bytea (its output function's 120 MB hex string) and small rows
# after them, so that pd_restore's piece finder meets members inside rows.
$node->safe_psql('postgres', 'CREATE DATABASE big');
$node->safe_psql('big', q{
  CREATE EXTENSION parallel_dump;
  CREATE TABLE huge (id int, v text, b bytea);
  ALTER TABLE huge ALTER v SET COMPRESSION lz4, ALTER b SET COMPRESSION lz4;
  INSERT INTO huge VALUES (0, 'first', NULL);
  INSERT INTO huge VALUES (1, 'start' || repeat('0123456789abcdef', 600 * 1024 * 1024 / 16) || 'end', NULL);
  INSERT INTO huge VALUES (2, repeat(E'\t\\\n\r\b', 40 * 1024 * 1024), NULL);
  INSERT INTO huge VALUES (3, 'bytea', decode(repeat('00ff5c0a', 15 * 1024 * 1024), 'hex'));
  INSERT INTO huge SELECT g, md5(g::text) || E'\t' || g, NULL FROM generate_series(4, 300000) g;
  SELECT lo_from_bytea(4242, convert_to(repeat('large object ', 16 * 1024 * 1024), 'UTF8'));});
my $expected = fingerprint('big', 'huge');
my $bytea_md5 = $node->safe_psql('big', 'SELECT md5(b) FROM huge WHERE id = 3');
my $lo_md5 = $node->safe_psql('big', 'SELECT md5(lo_get(4242))');

my $bigdir = archive_dir('huge');
my ($rss) = dump_with_figures('big', $bigdir, ', 1');
ok(-f "$bigdir/toc.dat", 'pd_dump writes an archive with a 600 MB value');
# the worker holds the detoasted 600 MB value once; escaping adds only a bounded buffer
ok($rss > 0 && $rss < 900 * 1024, "the worker's peak resident memory stays near one copy of the value ($rss kB)");
diag("worker peak resident memory with a 600 MB value: $rss kB");

my $err = restore_archive($node, $bigdir, 'big_pg', '-j2');
unlike($err, qr/error/i, 'pg_restore restores it') or diag($err);
is(fingerprint('big_pg', 'huge'), $expected, 'pd_dump -> pg_restore: every value exact (md5)');
is($node->safe_psql('big_pg', 'SELECT md5(b) FROM huge WHERE id = 3'), $bytea_md5, 'pd_dump -> pg_restore: the bytea exact');
is($node->safe_psql('big_pg', 'SELECT md5(lo_get(4242))'), $lo_md5, 'pd_dump -> pg_restore: the large object exact');
$node->safe_psql('postgres', 'DROP DATABASE big_pg');

$node->safe_psql('postgres', 'CREATE DATABASE big_pd');
my ($ret, $out);
($ret, $out, $err) = $node->psql('postgres',
    "SET parallel_dump.restore_split_size = '8MB'; SELECT restored, failed FROM pd_restore('$bigdir', 'big_pd', 2)");
is($ret, 0, 'pd_restore (pieces allowed) restores it') or diag($err);
is(fingerprint('big_pd', 'huge'), $expected, 'pd_dump -> pd_restore: every value exact (md5)');
is($node->safe_psql('big_pd', 'SELECT md5(b) FROM huge WHERE id = 3'), $bytea_md5, 'pd_dump -> pd_restore: the bytea exact');
is($node->safe_psql('big_pd', 'SELECT md5(lo_get(4242))'), $lo_md5, 'pd_dump -> pd_restore: the large object exact');
$node->safe_psql('postgres', 'DROP DATABASE big_pd');

# a 200 MB large object streams: a dump without the big table's data stays small
my $lodir = archive_dir('lo_only');
($rss) = dump_with_figures('big', $lodir, ", 1, exclude_table_data => '{huge}'");
ok($rss > 0 && $rss < 100 * 1024, "a worker writing a 200 MB large object stays small ($rss kB)");
$node->safe_psql('postgres', 'DROP DATABASE big');

done_testing();
