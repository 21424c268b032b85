# One snapshot under a concurrent write load; a conflicting lock queued behind
# the leader's; workers visible in pg_stat_activity while they work.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $node = new_node('concurrency');
$node->safe_psql('postgres', 'CREATE DATABASE bench');
$node->command_ok([ 'pgbench', '-i', '-q', '-s', '4', $node->connstr('bench') ], 'pgbench -i');
$node->safe_psql('bench', 'CREATE EXTENSION parallel_dump');

# --- consistency while pgbench writes with 4 clients -----------------------
my ($pgb_out, $pgb_err) = ('', '');
my $pgbench = IPC::Run::start(
    [ 'pgbench', '-n', '-c', '4', '-T', '12', $node->connstr('bench') ],
    '>', \$pgb_out, '2>', \$pgb_err);
ok(wait_for($node, 'bench', 'SELECT count(*) > 200 FROM pgbench_history', 30), 'pgbench is writing');
my $dir = archive_dir('bench_load');
my ($ret, $out, $err) = $node->psql('bench', "SELECT pd_dump('$dir', 4)");
is($ret, 0, 'pd_dump with 4 workers under load') or diag($err);
my $history_at_dump_end = $node->safe_psql('bench', 'SELECT count(*) FROM pgbench_history');
$pgbench->finish;
like($pgb_out, qr/number of transactions actually processed/, 'pgbench ran to its end');

is(restore_archive($node, $dir, 'bench_copy', '-j2'), '', 'restore with pg_restore -j 2');
my $sums = $node->safe_psql('bench_copy', q{
  SELECT (SELECT sum(abalance) FROM pgbench_accounts) || ' ' ||
         (SELECT sum(tbalance) FROM pgbench_tellers) || ' ' ||
         (SELECT sum(bbalance) FROM pgbench_branches) || ' ' ||
         (SELECT coalesce(sum(delta), 0) FROM pgbench_history)});
my @s = split / /, $sums;
ok($s[0] == $s[1] && $s[1] == $s[2] && $s[2] == $s[3],
    "accounts, tellers, branches and history agree in the copy ($sums)");
my $copied = $node->safe_psql('bench_copy', 'SELECT count(*) FROM pgbench_history');
ok($copied > 200 && $copied <= $history_at_dump_end, "the copy holds a moment of the load ($copied rows)");
is($node->safe_psql('bench_copy', 'SELECT count(*) FROM pgbench_accounts'), '400000', 'every account row');

# --- a conflicting lock queued after the leader's ----------------------------
$node->safe_psql('bench', q{
  CREATE TABLE big AS SELECT g AS id, repeat(md5(g::text), 8) AS pad FROM generate_series(1, 1500000) g;
  CREATE TABLE small AS SELECT g AS id FROM generate_series(1, 1000) g;});
my $leader = $node->background_psql('bench');
my $leader_pid = $leader->query_safe('SELECT pg_backend_pid()');
$dir = archive_dir('queued_lock');
# jobs 1: the worker takes "big" first (largest first) and reaches "small" last
$leader->query_until(qr/started/, qq{\\echo started\nSELECT pd_dump('$dir', 1);\n});
ok(wait_for($node, 'bench', qq{SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $leader_pid
   AND relation = 'small'::regclass AND granted)}), 'the leader holds its lock on small');
ok(wait_for($node, 'bench', q{SELECT EXISTS (SELECT 1 FROM pg_stat_activity
   WHERE backend_type = 'parallel_dump worker' AND query LIKE 'pd_dump: COPY public.big%')}),
   'pg_stat_activity shows the worker and the table it dumps');
my $locker = $node->background_psql('bench');
$locker->query_until(qr/queued/, "\\echo queued\nBEGIN; LOCK TABLE small IN ACCESS EXCLUSIVE MODE;\n");
ok(wait_for($node, 'bench', q{SELECT EXISTS (SELECT 1 FROM pg_locks
   WHERE relation = 'small'::regclass AND mode = 'AccessExclusiveLock' AND NOT granted)}),
   'ACCESS EXCLUSIVE on small is queued behind the leader');
# the next query returns once pd_dump has
like($leader->query('SELECT 42'), qr/42$/, 'the dump finished without deadlock');
like($leader->{stderr}, qr/table public\.small has a conflicting lock request queued; the leader dumps it itself/,
    'a NOTICE names the table the leader dumped itself');
ok(-f "$dir/toc.dat", 'the archive is complete');
ok(wait_for($node, 'bench', q{SELECT EXISTS (SELECT 1 FROM pg_locks
   WHERE relation = 'small'::regclass AND mode = 'AccessExclusiveLock' AND granted)}),
   'the waiting session got its lock afterwards');
$locker->query_safe('COMMIT');
$locker->quit;
$leader->quit;
is(restore_archive($node, $dir, 'lock_copy', '-j2'), '', 'restore the archive');
is($node->safe_psql('lock_copy', 'SELECT count(*) FROM small'), '1000', 'every row of small');
is($node->safe_psql('lock_copy', 'SELECT count(*) FROM big'), '1500000', 'every row of big');

$node->stop;
done_testing();
