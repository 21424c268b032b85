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


# --- item 9: rows in physical order, as pg_dump's COPY --------------------------
# A table larger than shared_buffers / 4 is scanned with synchronized scans
# unless the scan forbids them.  A scan another session stopped half-way (the
# LIMIT below) leaves its position behind; a synchronized scan would start
# there, and the data file would begin in the middle of the table.
$node->safe_psql('postgres', 'CREATE DATABASE ordered');
$node->safe_psql('ordered', q{
  CREATE EXTENSION parallel_dump;
  CREATE TABLE phys AS SELECT g AS id, repeat('x', 60) AS pad FROM generate_series(1, 120000) g;});
is($node->safe_psql('ordered', q{SELECT pg_relation_size('phys') > pg_size_bytes(current_setting('shared_buffers')) / 4}),
    't', 'the table is larger than shared_buffers / 4');
$node->safe_psql('ordered', q{SET max_parallel_workers_per_gather = 0;
  SELECT id FROM phys OFFSET 70000 LIMIT 1;});
my $orderdir = archive_dir('ordered');
$node->safe_psql('ordered', "SELECT pd_dump('$orderdir', 1, 0)");
my ($datafile) = grep { -s $_ > 1000000 } glob("$orderdir/*.dat");
my @ids = map { /^(\d+)\t/ ? $1 : () } split /\n/, slurp_file($datafile);
is(scalar(@ids), 120000, 'every row in the data file');
is($ids[0], 1, 'the data file begins with the first row of the heap');
is(join(',', grep { $ids[$_] != $_ + 1 } 0 .. $#ids) , '', 'rows in physical (ctid) order');

# --- item 5: the archive directory ----------------------------------------------
$node->safe_psql('postgres', 'CREATE DATABASE dirs');
$node->safe_psql('dirs', q{CREATE EXTENSION parallel_dump; CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g;});
my $open_dir = archive_dir('open');
mkdir $open_dir or die;
chmod 0777, $open_dir;
($ret, $out, $err) = $node->psql('dirs', "SELECT pd_dump('$open_dir', 1)");
like($err, qr/archive directory ".*" is writable by group or others/, 'a directory others may write is refused');
is(scalar(my @f = glob("$open_dir/*")), 0, '... and nothing is written into it');
chmod 0770, $open_dir;
($ret, $out, $err) = $node->psql('dirs', "SELECT pd_dump('$open_dir', 1)");
like($err, qr/is writable by group or others/, 'a directory the group may write is refused');

# a directory of another OS user (the tests run as the server's user and cannot chown)
sub empty_foreign_dir {
    my ($d) = @_;
    return 0 unless -d $d && !-l $d && (stat $d)[4] != $>;
    opendir(my $dh, $d) or return 0;
    my @entries = grep { !/^\.\.?$/ } readdir $dh;
    return !@entries;
}
my ($foreign) = grep { empty_foreign_dir($_) } ('/mnt', '/srv', '/media', '/opt', '/home');
SKIP: {
    skip 'no empty directory of another OS user on this machine', 1 unless $foreign;
    ($ret, $out, $err) = $node->psql('dirs', "SELECT pd_dump('$foreign', 1)");
    like($err, qr/is not owned by the server's operating system user/, "a directory of another user ($foreign) is refused");
}

# the archive path itself a symbolic link to an empty directory: not followed
my $target_dir = archive_dir('link_target');
mkdir $target_dir or die;
chmod 0700, $target_dir;
my $link = archive_dir('link');
symlink($target_dir, $link) or die;
($ret, $out, $err) = $node->psql('dirs', "SELECT pd_dump('$link', 1)");
like($err, qr/archive directory ".*" is a symbolic link/, 'an archive path that is a symbolic link is refused');
is(scalar(my @g = glob("$target_dir/*")), 0, '... and nothing is written where it points');

# two dumps into the same pre-created directory: the second fails at once, the first stays whole
my $shared_dir = archive_dir('shared');
mkdir $shared_dir or die;
chmod 0700, $shared_dir;
my $holder = $node->background_psql('dirs');
$holder->query_safe('BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE');
my $first = $node->background_psql('dirs', on_error_stop => 0);
my $first_pid = $first->query_safe('SELECT pg_backend_pid()');
$first->query_until(qr/go/, "\\echo go\nSELECT pd_dump('$shared_dir', 2);\n");
ok(wait_for($node, 'dirs', "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $first_pid AND NOT granted)"),
   'the first dump waits for its table lock');
($ret, $out, $err) = $node->psql('dirs', "SET statement_timeout = '20s'; SELECT pd_dump('$shared_dir', 2)");
isnt($ret, 0, 'a second dump into the same directory fails');
like($err, qr/not empty|Another pd_dump is writing into/, '... because the first has claimed it') or diag($err);
$holder->query_safe('COMMIT');
like($first->query('SELECT 1'), qr/1$/, 'the first dump finishes');
like($first->{stderr}, qr/\A[^\n]*NOTICE:  pd_dump: \d+ of \d+ items, [^\n]*\n?\z/,
    'the first dump reports no error, only its summary') or diag($first->{stderr});
$first->quit;
ok(-f "$shared_dir/toc.dat", "the first dump's archive is complete");
$err = restore_archive($node, $shared_dir, 'dirs_copy');
is($err, '', "the first dump's archive restores");
is($node->safe_psql('dirs_copy', 'SELECT count(*) FROM t'), '1000', '... with every row');

# a symbolic link planted where a data file will go is not followed, and a
# failed dump removes only what it created
my $planted_dir = archive_dir('planted');
my $victim = archive_dir('victim');
PostgreSQL::Test::Utils::append_to_file($victim, "untouched\n");
$holder->query_safe('BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE');
$first = $node->background_psql('dirs', on_error_stop => 0);
$first_pid = $first->query_safe('SELECT pg_backend_pid()');
$first->query_until(qr/go/, "\\echo go\nSELECT pd_dump('$planted_dir', 1);\n");
ok(wait_for($node, 'dirs', "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $first_pid AND NOT granted)"),
   'a dump waits for its table lock, its directory created');
symlink($victim, "$planted_dir/$_.dat.gz") for 1 .. 2000;
PostgreSQL::Test::Utils::append_to_file("$planted_dir/notes.txt", "not the dump's\n");
$holder->query_safe('COMMIT');
$first->query('SELECT 1');
like($first->{stderr}, qr/could not create file ".*\.dat\.gz": File exists/, 'the dump refuses the planted link');
$first->quit;
is(slurp_file($victim), "untouched\n", 'the file the link points to is untouched');
ok(-l "$planted_dir/1.dat.gz" && -l "$planted_dir/2000.dat.gz", 'the planted links are left alone');
ok(-f "$planted_dir/notes.txt", 'a file the dump did not create is left alone');
ok(!-e "$planted_dir/toc.dat.tmp", "the dump's own files are removed");
$holder->quit;

# --- item 6: a worker's locks and memory do not grow with the tables ------------
# 300 tables of different sizes (so the worker, taking the largest first,
# dumps t300 first and t1 last); another session samples the worker's
# locks on user relations (OID >= 16384: not the catalogs' locks a lookup
# holds for an instant, which a loaded machine lets the sampler see) from
# pg_locks while it works.
$node->safe_psql('postgres', 'CREATE DATABASE many');
$node->safe_psql('many', q{
  CREATE EXTENSION parallel_dump;
  CREATE TABLE samples (at timestamptz, locks int, query text);
  DO $$ BEGIN FOR i IN 1..300 LOOP
    EXECUTE format('CREATE TABLE t%s AS SELECT g, md5(g::text) || md5((g * %s)::text) AS v FROM generate_series(1, %s) g',
                   i, i, 500 + 10 * i);
  END LOOP; END $$;
  VACUUM ANALYZE;});
my $sampler = $node->background_psql('many');
$sampler->query_until(qr/sampling/, q{\echo sampling
DO $$ DECLARE seen bool := false; w int; BEGIN
  FOR i IN 1..60000 LOOP
    PERFORM pg_stat_clear_snapshot();
    SELECT pid INTO w FROM pg_stat_activity WHERE backend_type = 'parallel_dump worker';
    IF w IS NULL AND seen THEN EXIT; END IF;
    IF w IS NOT NULL THEN
      seen := true;
      INSERT INTO samples SELECT clock_timestamp(),
        (SELECT count(*) FROM pg_locks WHERE pid = w AND locktype = 'relation' AND relation >= 16384),
        (SELECT query FROM pg_stat_activity WHERE pid = w);
    END IF;
    PERFORM pg_sleep(0.002);
  END LOOP; END $$;
\echo done
});
my ($wrss, $wctx, $lrss, $lctx) = dump_with_figures('many', archive_dir('many'), ', 1, 9');
$sampler->query_until(qr/done/, '');
$sampler->quit;
my $late = $node->safe_psql('many', q{SELECT count(*), coalesce(max(locks), 0) FROM samples
   WHERE substring(query from 'COPY public\.t(\d+)')::int <= 150});
my $all = $node->safe_psql('many', 'SELECT count(*), coalesce(max(locks), 0) FROM samples');
my ($nlate, $maxlate) = split /\|/, $late;
my ($nall, $maxall) = split /\|/, $all;
ok($nlate > 0, "pg_locks sampled after the worker had dumped half of the tables ($nlate samples)");
ok($maxall <= 3, "the worker never holds more than its current table's locks ($maxall at most, $nall samples)");
diag("300 tables: worker peak $wrss kB RSS, $wctx bytes in contexts; leader $lrss kB RSS, $lctx bytes");

# memory: three times as many tables, the worker's contexts stay within a small constant
$node->safe_psql('many', q{
  DO $$ BEGIN FOR i IN 301..900 LOOP
    EXECUTE format('CREATE TABLE t%s AS SELECT g, md5(g::text) AS v FROM generate_series(1, 10) g', i);
  END LOOP; END $$;});
my ($wrss3, $wctx3, $lrss3, $lctx3) = dump_with_figures('many', archive_dir('many3'), ', 1');
diag("900 tables: worker peak $wrss3 kB RSS, $wctx3 bytes in contexts; leader $lrss3 kB RSS, $lctx3 bytes");
ok($wctx > 0 && $wctx3 - $wctx < 1024 * 1024,
   "the worker's memory contexts grow by less than 1 MB from 300 to 900 tables ($wctx -> $wctx3)");

done_testing();
