# pd_progress() and pd_progress_workers() show a running pd_dump,
# pd_restore and pd_mirror from another session, with bytes and rows advancing; a run
# that ends (success, ERROR, cancel, a worker terminated) leaves no row; a
# successful run ends with a NOTICE that sums it up; and without room in
# shared memory for the registry the views say so and the dump still runs.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('progress');
# Two tables of 400,000 rows.  Dumped at compression 9 they take seconds; a
# CHECK that sleeps 0.1 s every 20,000 rows makes their restore take seconds.
$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', q{
  CREATE EXTENSION parallel_dump;
  CREATE ROLE watcher LOGIN;
  CREATE TABLE base AS SELECT g AS id, md5(g::text) AS a, md5((g + 7)::text) AS b FROM generate_series(1, 25000) g;
  CREATE TABLE t1 (id int, a text, b text, CHECK (id % 20000 <> 0 OR pg_sleep(0.1) IS NOT NULL));
  INSERT INTO t1 SELECT id + k * 25000, a, b FROM base, generate_series(0, 15) k;
  CREATE TABLE t2 (LIKE t1 INCLUDING CONSTRAINTS);
  INSERT INTO t2 SELECT * FROM t1;
  DROP TABLE base;
  CREATE TABLE hidden (x int);
  GRANT SELECT ON t1, t2 TO watcher;
  GRANT pg_write_server_files TO watcher;
  GRANT EXECUTE ON FUNCTION pd_dump TO watcher;});

my $runs = 'SELECT count(*) FROM pd_progress()';
my $workers = 'SELECT count(*) FROM pd_progress_workers()';

# No row is left once a run has ended: the run's at once, its workers' once they have exited.
sub nothing_left {
    my ($what) = @_;
    is($node->safe_psql('src', $runs), '0', "$what: no pd_progress row left");
    ok(wait_for($node, 'src', "SELECT ($workers) = 0", 20), "$what: no pd_progress_workers row left");
}

sub sample {
    my ($command) = @_;
    my $row = $node->safe_psql('src', qq{SELECT phase, workers, items_done, items_total, bytes_done, bytes_total,
        rows_done, elapsed > '0'::interval, datname FROM pd_progress() WHERE command = '$command'});
    return split /\|/, $row;
}

# Two samples during the data phase: bytes and rows advance, done never exceeds the total.
sub samples_advance {
    my ($command, $n_workers) = @_;
    ok(wait_for($node, 'src', "SELECT EXISTS (SELECT FROM pd_progress() WHERE command = '$command'
        AND phase = 'data' AND rows_done > 0)", 60), "$command: shown in its data phase");
    my @first = sample($command);
    select(undef, undef, undef, 0.5);
    my @second = sample($command);
    is($first[0], 'data', "$command: first sample in the data phase");
    is($second[0], 'data', "$command: second sample in the data phase") or diag("@second");
    is($first[1], $n_workers, "$command: $n_workers workers");
    cmp_ok($second[4], '>', $first[4], "$command: bytes_done advances ($first[4] -> $second[4])");
    cmp_ok($second[6], '>', $first[6], "$command: rows_done advances ($first[6] -> $second[6])");
    for my $s (\@first, \@second) {
        cmp_ok($s->[2], '<=', $s->[3], "$command: items_done $s->[2] <= items_total $s->[3]");
        cmp_ok($s->[4], '<=', $s->[5], "$command: bytes_done $s->[4] <= bytes_total $s->[5]");
    }
    is($second[7], 't', "$command: elapsed grows");
    is($second[8], 'src', "$command: datname is the leader's database");
    my $w = $node->safe_psql('src', qq{SELECT count(*), count(DISTINCT w.pid), bool_and(w.pid <> w.leader_pid),
        bool_and(w.current_item IS NULL OR w.current_item LIKE '%public%t_') FROM pd_progress_workers() w
        JOIN pd_progress() p ON p.pid = w.leader_pid WHERE p.command = '$command' AND w.worker IS NOT NULL});
    is($w, "$n_workers|$n_workers|t|t", "$command: pd_progress_workers shows each worker and its table");
}

# One successful run of $command, started in the leader's session by $sql: sampled in its data
# phase (with $while_running's checks), its target like $target_re, its summing-up NOTICE,
# $complete's check that it did it all, and nothing left behind.
my ($leader, $pid);
sub sampled_run {
    my ($command, $sql, $target_re, $while_running, $complete) = @_;
    $leader->{stderr} = '';
    $leader->query_until(qr/go/, "\\echo go\n$sql;\n");
    samples_advance($command, 2);
    like($node->safe_psql('src', "SELECT target FROM pd_progress() WHERE pid = $pid"), $target_re,
        "$command: a superuser sees the target");
    $while_running->() if $while_running;
    $leader->query('SELECT 1');
    like($leader->{stderr}, qr/NOTICE:  $command: (\d+) of \1 items, 800000 rows, \d+ bytes of table data in [\d.]+ s/,
        "a NOTICE sums the $command up");
    $complete->();
    nothing_left("$command success");
}

# --- pd_dump -------------------------------------------------------------------
my $dir = archive_dir('dumped');
$leader = $node->background_psql('src', on_error_stop => 0);
$pid = $leader->query_safe('SELECT pg_backend_pid()');
sampled_run('pd_dump', "SELECT pd_dump('$dir', 2, 9, tables => '{t1,t2}')", qr/^\Q$dir\E$/, sub {
    is($node->safe_psql('src', "SELECT count(*) FROM pd_progress() WHERE pid = $pid AND target IS NULL",
        extra_params => [ '-U', 'watcher' ]), '1', 'another role sees the row, not the target');
    is($node->safe_psql('src', q{SELECT count(*) FROM pd_progress_workers() WHERE current_item IS NOT NULL},
        extra_params => [ '-U', 'watcher' ]), '0', '... nor the items');
    is($node->safe_psql('src', "SELECT a.query LIKE '%pd_dump%' FROM pd_progress() p JOIN pg_stat_activity a USING (pid)"),
        't', 'pd_progress joins pg_stat_activity on pid');
}, sub { ok(-f "$dir/toc.dat", 'the dump is complete') });

# an ERROR once the run is registered: a table the caller may not read
$leader->{stderr} = '';
$leader->query("SET ROLE watcher; SELECT pd_dump('" . archive_dir('denied') . "', 2, tables => '{t1,hidden}')");
like($leader->{stderr}, qr/ERROR:  permission denied for table hidden/, 'pd_dump: an ERROR');
$leader->query('RESET ROLE');
nothing_left('pd_dump ERROR');

# Starts $sql in the leader's session, runs $action once the data phase has begun, expects $expect.
sub fails_then_nothing_left {
    my ($what, $sql, $action, $expect) = @_;
    $leader->{stderr} = '';
    $leader->query_until(qr/go/, "\\echo go\n$sql;\n");
    ok(wait_for($node, 'src', "SELECT EXISTS (SELECT FROM pd_progress() WHERE phase = 'data' AND rows_done > 0)"),
        "$what: running");
    $node->safe_psql('src', $action);
    $leader->query('SELECT 1');
    like($leader->{stderr}, $expect, "$what: the run fails");
    nothing_left($what);
}

sub dump_then {
    my ($what, $action, $expect) = @_;
    fails_then_nothing_left("pd_dump $what", "SELECT pd_dump('" . archive_dir($what) . "', 2, 9, tables => '{t1,t2}')",
        $action, $expect);
}
dump_then('cancel', "SELECT pg_cancel_backend($pid)", qr/canceling statement due to user request/);
dump_then('worker_terminated', q{SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE backend_type = 'parallel_dump worker' LIMIT 1}, qr/terminating background worker/);
# a timeout well below the dump's time on any machine (800,000 rows at -Z9), in whatever phase it ends it
$leader->{stderr} = '';
$leader->query("SET statement_timeout = '300ms'");
$leader->query("SELECT pd_dump('" . archive_dir('timeout') . "', 2, 9, tables => '{t1,t2}')");
like($leader->{stderr}, qr/canceling statement due to statement timeout/, 'pd_dump timeout: the run fails');
nothing_left('pd_dump timeout');
$leader->query('RESET statement_timeout');

# --- pd_restore ---------------------------------------------------------------
$node->safe_psql('postgres', "CREATE DATABASE $_") for qw(dst dst_cancel dst_killed);
sampled_run('pd_restore', "SELECT * FROM pd_restore('$dir', 'dst', 2)", qr/^dst$/, undef,
    sub { is($node->safe_psql('dst', 'SELECT count(*) FROM t1'), '400000', 'the restore is complete') });

$leader->{stderr} = '';
$leader->query("SELECT * FROM pd_restore('$dir', 'dst', 2)");
like($leader->{stderr}, qr/ERROR:  relation "t1" already exists/, 'pd_restore: an ERROR');
nothing_left('pd_restore ERROR');
# an ERROR before the leader's own error path is set up: the end of the transaction ends the run
$leader->{stderr} = '';
$leader->query("SELECT * FROM pd_restore('" . archive_dir('never_written') . "', 'dst', 2)");
like($leader->{stderr}, qr/ERROR:  .*never_written/, 'pd_restore of a missing archive: an ERROR');
nothing_left('pd_restore of a missing archive');

sub restore_then {
    my ($target, $action, $expect) = @_;
    fails_then_nothing_left("pd_restore into $target", "SELECT * FROM pd_restore('$dir', '$target', 2)", $action,
        $expect);
}
restore_then('dst_cancel', "SELECT pg_cancel_backend($pid)", qr/canceling statement due to user request/);
restore_then('dst_killed', q{SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE backend_type = 'parallel_dump restore worker' AND state = 'active' LIMIT 1},
    qr/terminating background worker/);

# --- pd_mirror (into another database of the same server) -----------------------
$node->safe_psql('postgres', "CREATE DATABASE $_") for qw(mirrored mirror_cancel);
sampled_run('pd_mirror', "SELECT tables_copied FROM pd_mirror(\$c\$" . $node->connstr('mirrored') .
    "\$c\$, 2, tables => '{t1,t2}')", qr/dbname=mirrored/, undef,
    sub { is($node->safe_psql('mirrored', 'SELECT count(*) FROM t2'), '400000', 'the mirror is complete') });
fails_then_nothing_left('pd_mirror cancel', "SELECT * FROM pd_mirror(\$c\$" . $node->connstr('mirror_cancel') .
    "\$c\$, 2, tables => '{t1,t2}')", "SELECT pg_cancel_backend($pid)", qr/canceling statement due to user request/);
$leader->quit;

# --- no room left in shared memory for the registry ---------------------------------
# After a restart the registry does not exist yet; the lock table then takes
# every spare byte of the segment (its entries stay with it when released).
$node->restart;
my ($ret, $out, $err) = $node->psql('src', 'SELECT count(pg_advisory_xact_lock(g)) FROM generate_series(1, 10000000) g');
like($err, qr/out of shared memory/, 'the lock table took the spare shared memory');
($ret, $out, $err) = $node->psql('src', 'SELECT * FROM pd_progress()');
like($err, qr/ERROR:  parallel_dump: no shared memory left for the progress registry/, 'pd_progress: a clear ERROR');
like($err, qr/HINT:  .*restart/, '... with a HINT');
($ret, $out, $err) = $node->psql('src', "SELECT pd_dump('" . archive_dir('no_registry') . "', 2, tables => '{t1}')");
is($ret, 0, 'pd_dump still runs');
like($err, qr/WARNING:  parallel_dump: no shared memory left for the progress registry; this run is not shown/,
    '... after a WARNING');
is($node->safe_psql('src', 'SELECT 1'), '1', 'the server is fine');

done_testing();
