# More tables than the lock table has room for, at default
# max_locks_per_transaction and max_connections: pd_dump (jobs 2) succeeds
# where pg_dump -j 2 runs out of shared memory, stock pg_restore -j 2 restores
# the archive, and the copy equals the source.  Concurrent DDL on a table not
# yet dumped (ADD COLUMN, TRUNCATE, DROP TABLE, a retype that rewrites
# nothing) stops the dump with an ERROR naming the table; a table locked by
# another session is dumped by the leader once the lock is free.
#
# The lock table holds about 1.65 times its nominal size (64 slots per
# backend) before "out of shared memory", some 12,700 locks here: rather
# than create that many tables, a session fills the lock table with
# advisory locks and frees $free slots of it, so that 3,000 tables do not
# fit.  The dump needs a few dozen slots, whatever the number of tables.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $ntables = 3000;
my $free = 1000;
my $node = new_node('many_tables');
is($node->safe_psql('postgres', 'SHOW max_locks_per_transaction'), '64', 'default max_locks_per_transaction');
is($node->safe_psql('postgres', 'SHOW max_connections'), '100', 'default max_connections');

$node->safe_psql('postgres', 'CREATE DATABASE many');
my ($ret, $out, $err) = $node->psql('postgres',
    q{SELECT 1 FROM pg_available_extensions WHERE name = 'pd_test_config'});
my $fixture = $out eq '1';
$node->safe_psql('many', 'CREATE EXTENSION parallel_dump');
# one transaction per 1,000 tables: creating them all at once would itself exhaust the lock table
for (my $first = 1; $first <= $ntables; $first += 1000) {
    my $last = $first + 999;
    $node->safe_psql('many', qq{DO \$\$BEGIN FOR i IN $first..$last LOOP
      IF i % 10 = 0 THEN
        EXECUTE format('CREATE TABLE t%s (id serial PRIMARY KEY, v text)', lpad(i::text, 5, '0'));
        EXECUTE format('INSERT INTO t%s (v) VALUES (%L), (NULL)', lpad(i::text, 5, '0'), 'row ' || i);
      ELSE
        EXECUTE format('CREATE TABLE t%s (id int, v text)', lpad(i::text, 5, '0'));
        EXECUTE format('INSERT INTO t%s VALUES (%s, %L)', lpad(i::text, 5, '0'), i, 'row ' || i);
      END IF;
    END LOOP; END\$\$});
}
# larger than the others, so dumped right after the first item
for my $t (qw(ddl_add ddl_drop ddl_locked ddl_retype ddl_trunc)) {
    $node->safe_psql('many', "CREATE TABLE $t (id int, v text);
      INSERT INTO $t SELECT -g, 'value ' || g FROM generate_series(1, 500) g");
}

# every slot of the lock table taken, then $free of them given back
my $filler = $node->background_psql('many', on_error_stop => 0);
# it lives through pg_dump, pd_dump and pg_restore -j 2 (3.5 minutes at load
# 19): the test timeout applies per query, not to the session's life
$filler->set_query_timer_restart();
$filler->query(q{SELECT count(*) FROM generate_series(1, 1000000) g WHERE pg_advisory_lock(g)::text = ''});
like($filler->{stderr}, qr/out of shared memory/, 'the lock table is full');
$filler->{stderr} = '';
is($filler->query_safe("SELECT count(*) FROM generate_series(1, $free) g WHERE pg_advisory_unlock(g)"), $free,
    "$free slots free again");

my $theirs = archive_dir('pg_dump');
my ($pg_out, $pg_err) = run_command([ 'pg_dump', '-Fd', '-j', '2', '-f', $theirs, '-d', $node->connstr('many') ]);
like($pg_err, qr/out of shared memory/, 'pg_dump -j 2 runs out of lock slots');

my $ours = archive_dir('ours');
($ret, $out, $err) = $node->psql('many', "SELECT pd_dump('$ours', 2)");
is($ret, 0, "pd_dump of $ntables tables with $free free lock slots") or diag($err);
my $copy_err = restore_archive($node, $ours, 'many_copy', '-j2');
unlike($copy_err, qr/error/i, 'pg_restore -j 2 restores it at default settings') or diag($copy_err);

# --- DDL while the dump runs ----------------------------------------------
SKIP: {
    skip 'the pd_test_config fixture is not installed (scripts/test.sh installs it)', 1 unless $fixture;
    # pd_cfg, an extension's configuration table, is the largest item: its
    # filter waits for an advisory lock, so the dump (jobs 1) pauses there,
    # after the catalog is read and before any other table is dumped
    $node->safe_psql('many', q{CREATE EXTENSION pd_test_config;
      INSERT INTO pd_cfg SELECT g, repeat('x', 200), false FROM generate_series(10, 3009) g;
      UPDATE pg_extension SET extcondition[array_position(extconfig, 'pd_cfg'::regclass)] =
        $c$WHERE NOT builtin AND pg_catalog.pg_advisory_lock_shared(7, 7)::text = ''$c$
        WHERE extname = 'pd_test_config'});
    my $ddl = $node->background_psql('many');
    $ddl->set_query_timer_restart();

    # Starts a dump and returns once it waits on the advisory lock; $leader_pid set.
    my $leader_pid;
    my $start_paused = sub {
        my ($dir) = @_;
        $filler->query_safe('SELECT pg_advisory_lock(7, 7)');
        my $leader = $node->background_psql('many', on_error_stop => 0);
        $leader_pid = $leader->query_safe('SELECT pg_backend_pid()');
        $leader->query_until(qr/started/, qq{\\echo started\nSELECT pd_dump('$dir', 1);\n});
        ok(wait_for($node, 'many', q{SELECT EXISTS (SELECT 1 FROM pg_stat_activity
           WHERE backend_type = 'parallel_dump worker' AND wait_event = 'advisory')}, 120), "$dir: paused");
        return $leader;
    };
    # Lets it go on; returns what it said once it has ended.
    my $finish = sub {
        my ($leader) = @_;
        $filler->query_safe('SELECT pg_advisory_unlock(7, 7)');
        $leader->query('SELECT 42');
        my $said = $leader->{stderr};
        $leader->quit;
        return $said;
    };

    my %cases = (
        ddl_add => [ 'ALTER TABLE ddl_add ADD COLUMN extra int DEFAULT 7', qr/changed while the dump ran/,
            qr/It had 2 columns in the dump's snapshot and has 3 now/ ],
        ddl_trunc => [ 'TRUNCATE ddl_trunc', qr/changed while the dump ran/, qr/Its storage was replaced/ ],
        ddl_drop => [ 'DROP TABLE ddl_drop', qr/was dropped while the dump ran/, qr/HINT:  Run the dump again/ ],
        # binary-coercible: no rewrite and no new pg_class row, only pg_attribute changes
        ddl_retype => [ 'ALTER TABLE ddl_retype ALTER id TYPE oid', qr/changed while the dump ran/,
            qr/Column "id" was added, dropped or retyped/ ]);
    for my $table (sort keys %cases) {
        my ($sql, $message, $detail) = @{ $cases{$table} };
        my $dir = archive_dir($table);
        my $leader = $start_paused->($dir);
        $ddl->query_safe($sql);
        my $said = $finish->($leader);
        like($said, qr/ERROR:  table public\.$table $message/, "$sql: an ERROR naming the table");
        like($said, $detail, "$sql: says what changed");
        ok(!-e "$dir/toc.dat" && !-e "$dir/$table.dat", "$sql: no archive left");
    }

    # another session's lock: the worker hands the table back, the leader
    # waits for it; a GRANT meanwhile leaves the rows as they were
    my $dir = archive_dir('locked');
    my $leader = $start_paused->($dir);
    my $held = $node->safe_psql('many', qq{SELECT count(*) FROM pg_locks WHERE pid = $leader_pid
       OR pid IN (SELECT pid FROM pg_stat_activity WHERE backend_type = 'parallel_dump worker')});
    # the catalogs and their indexes the leader read (about 160), one table per worker
    cmp_ok($held, '<', 250, "the dump holds $held locks for $ntables tables");
    $ddl->query_safe('BEGIN; LOCK TABLE ddl_locked IN ACCESS EXCLUSIVE MODE; GRANT SELECT ON ddl_locked TO PUBLIC');
    $filler->query_safe('SELECT pg_advisory_unlock(7, 7)');
    ok(wait_for($node, 'many', qq{SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $leader_pid
       AND relation = 'ddl_locked'::regclass AND NOT granted)}), 'the leader waits for the lock');
    $ddl->query_safe('COMMIT');
    $leader->query('SELECT 42');
    like($leader->{stderr}, qr/table public\.ddl_locked is locked by another session; the leader dumps it itself/,
        'a NOTICE names the table the leader dumped');
    unlike($leader->{stderr}, qr/ERROR/, 'the dump succeeds');
    $leader->quit;
    ok(-f "$dir/toc.dat", 'the archive is complete');
    my ($rows) = run_command([ 'pg_restore', '-a', '-t', 'ddl_locked', '-f', '-', $dir ]);
    is(scalar(() = $rows =~ /^-\d+\tvalue \d+$/mg), 500, 'every row of the locked table');
    $ddl->quit;
    $node->safe_psql('many', 'DROP EXTENSION pd_test_config'); # not in the first archive
}

# --- the copy equals the source (pg_dump needs the lock slots back) ----------
$filler->quit;
# (the DDL above changed the ddl_* tables after the first archive was written)
sub dump_text {
    my ($db, @opts) = @_;
    my ($text) = run_command([ 'pg_dump', @opts, '-T', 'ddl_*', '-d', $node->connstr($db) ]);
    $text =~ s/^\\(un)?restrict .*$//mg;
    return $text;
}
my $schema = dump_text('many', '-s');
like($schema, qr/CREATE TABLE public\.t03000/, 'pg_dump -s works once the slots are free');
same_text(dump_text('many_copy', '-s'), $schema, 'pg_dump -s of the copy is identical');
same_text(dump_text('many_copy', '-a'), dump_text('many', '-a'), 'rows and sequences identical');
is($node->safe_psql('many_copy', q{SELECT count(*) FROM pg_class WHERE relname ~ '^t\d{5}$' AND relkind = 'r'}),
    $ntables, "all $ntables tables");

# --- the catalog queries are planned without JIT ------------------------------
# (with JIT, compiling the tables query's plan took 18 s of a 300-table dump;
# jit_above_cost = 0 makes the server compile every query it can)
SKIP: {
    skip 'JIT is not available in this server', 1
      unless $node->safe_psql('postgres', 'SELECT pg_jit_available()') eq 't';
    $node->safe_psql('postgres', 'CREATE DATABASE jit');
    $node->safe_psql('jit', 'CREATE EXTENSION parallel_dump; CREATE TABLE j (id serial PRIMARY KEY, v text)');
    my $jit_dir = archive_dir('jit');
    ($ret, $out, $err) = $node->psql('jit', "SET jit_above_cost = 0; SET client_min_messages = debug1;
      SELECT pd_dump('$jit_dir', 2)");
    # one compile: the SELECT pd_dump(...) statement's own, before the dump starts
    my ($catalog) = $err =~ /\A(.*?pd_dump phase catalog)/s;
    my $compiled = () = ($catalog // '') =~ /time to inline/g;
    ok(defined $catalog && $compiled <= 1, 'no catalog query is JIT-compiled') or diag($err);
}

$node->stop;
done_testing();
