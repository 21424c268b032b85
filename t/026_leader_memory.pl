# pd_dump's and pd_restore's memory does not grow with the number of tables.
# Between 1,000 and 3,000 small tables (serial primary key, a text column,
# 10 rows each, as bench/restore_scale.sh), with one worker that dumps them
# all:
# - the worker's memory contexts stay flat (within 128 kB): its reads are
#   not counted in the cumulative statistics, whose per-relation entries
#   waited for the end of its transaction (+0.4 MB before);
# - so does its private resident memory (RssAnon after each item, within
#   1 MB; its peak resident set, VmHWM, grows with every shared buffer it
#   reads, which are not its own memory);
# - the leader's memory contexts grow by less than 1.5 MB (the list of
#   relations to lock is freed once they are locked, sequences' reads are
#   not counted; the catalog queries run with work_mem 1MB, so that each
#   plan node holds 1 MB at most: 1.0 MB more at 3,000 tables, 4.2 MB more
#   at 20,000, where the nodes have reached that bound, with the lock
#   table's entries; was 12.5 MB more at 20,000);
# - the leader's heap outside the memory contexts stays flat (within
#   64 kB): the C++ plan's records, dependency graph, sort and the
#   scheduler's items are in its spill heap, a temporary file mapped into
#   memory (the plan file; ~1 kB per table, ~0.94 kB in that heap before),
#   and so does its private resident memory (within 1 MB).
# pd_restore's leader, restoring those two archives, the same: its entries
# go to a temporary file as toc.dat is parsed, its plan and per-item state
# to its plan file; its contexts, heap and private memory stay flat (it held
# ~860 bytes per entry before: 133 MB of private memory at 20,000 tables).
# The same for 2,000 and 20,000 large objects, a file each: the leader's
# heap and its memory contexts grow by less than 8 bytes per large object
# (both flat now: the plan keeps no record of a large object, their entries
# are read back from its text store as toc.dat is written, and they are read
# in order without a sort; the heap grew by ~110 bytes each before, the
# plan object, sort record and entries of each), the memory contexts of the
# worker that dumps them by less than 16 bytes per large object (~140 each
# before: the manifest's records of every file until the one item of the
# large objects ended; now the worker sends them on as they come and the
# leader sorts them in a tuplesort that spills to a temporary file).
# The figures are the ones pd_dump reports at DEBUG1
# (bench/leader_memory.sh prints them up to 20,000 tables and beyond).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('leader_memory');
$node->safe_psql('postgres', 'CREATE DATABASE many');
$node->safe_psql('many', 'CREATE EXTENSION parallel_dump');

# tables $first..$last, 1,000 per transaction (the lock table holds no more at default settings)
sub add_tables {
    my ($first, $last) = @_;
    for (my $b = $first; $b <= $last; $b += 1000) {
        my $e = $b + 999 < $last ? $b + 999 : $last;
        $node->safe_psql('many', qq{DO \$\$BEGIN FOR i IN $b..$e LOOP
          EXECUTE format('CREATE TABLE t%s (id serial PRIMARY KEY, v text)', lpad(i::text, 5, '0'));
          EXECUTE format('INSERT INTO t%s (v) SELECT ''row '' || g FROM generate_series(1, 10) g',
                         lpad(i::text, 5, '0'));
        END LOOP; END\$\$});
    }
}

# pd_dump's own figures: the leader's peak contexts and heap outside them, the largest peak contexts of a worker (bytes)
sub dump_figures {
    my ($n, $db, $jobs) = @_;
    my $dir = archive_dir("${db}_$n");
    my ($ret, $out, $err) = $node->psql($db, "SET client_min_messages = debug1; SELECT pd_dump('$dir', $jobs)");
    is($ret, 0, "pd_dump of $n ($db)") or diag($err);
    ok(-f "$dir/toc.dat", "$n ($db): toc.dat written");
    my ($ctx, $heap, $priv) = $err =~ /pd_dump leader: peak resident memory \d+ kB, memory contexts (\d+) bytes at most, malloc \d+ bytes at most, outside the contexts (\d+) bytes at most, private memory (\d+) kB/;
    # the worker that held the most (with the large objects, the one that dumped them), and the most
    # private resident memory of a worker (kB)
    my ($wctx, $wpriv);
    while ($err =~ /pd_dump worker \d+: peak resident memory \d+ kB, memory contexts (\d+) bytes, private memory (\d+) kB/g) {
        $wctx = $1 if !defined $wctx || $1 > $wctx;
        $wpriv = $2 if !defined $wpriv || $2 > $wpriv;
    }
    ok(defined $ctx && defined $wctx, "$n ($db): the leader and a worker report their memory")
      or diag($err);
    diag(sprintf('%d (%s): leader contexts %.2f MB, heap outside them %.2f MB, private %.2f MB; '
                 . 'worker contexts %.2f MB, private %.2f MB',
                 $n, $db, ($ctx // 0) / 1048576, ($heap // 0) / 1048576, ($priv // 0) / 1024,
                 ($wctx // 0) / 1048576, ($wpriv // 0) / 1024));
    return ($ctx // 0, $heap // 0, $wctx // 0, $wpriv // 0, $priv // 0);
}

# large objects $first..$last of database lobs (small ones, as bench/large_objects.sh makes them)
sub add_large_objects {
    my ($first, $last) = @_;
    $node->safe_psql('lobs', qq{SELECT count(lo_from_bytea(0, convert_to('large object ' || g, 'UTF8')))
                                FROM generate_series($first, $last) g});
    # the same plans in both dumps, whenever autovacuum gets there: each catalog query's nodes hold up to
    # work_mem (1MB) in any plan, but one picked on stale estimates may hold it where the other does not
    $node->safe_psql('lobs', 'ANALYZE');
}

# pd_restore's own figures for the archive of $n tables, restored into a new database: its leader's peak
# contexts, heap outside them and private memory
sub restore_figures {
    my ($n) = @_;
    my $dir = archive_dir("many_$n");
    $node->safe_psql('postgres', "CREATE DATABASE r$n");
    my ($ret, $out, $err) = $node->psql('many',
        "SET client_min_messages = debug1; SELECT restored, failed FROM pd_restore('$dir', 'r$n', 1)");
    is($ret, 0, "pd_restore of $n") or diag($err);
    like($out, qr/^\d+\|0$/, "pd_restore of $n: nothing failed");
    my ($ctx, $heap, $priv, $file) = $err =~ /pd_restore leader: peak resident memory \d+ kB, memory contexts (\d+) bytes at most, outside the contexts (\d+) bytes at most, private memory (\d+) kB at most, plan file (\d+) kB/;
    ok(defined $priv, "pd_restore of $n: the leader reports its memory") or diag($err);
    diag(sprintf('restore of %d: leader contexts %.2f MB, heap outside them %.2f MB, private %.2f MB, plan file %.2f MB',
                 $n, ($ctx // 0) / 1048576, ($heap // 0) / 1048576, ($priv // 0) / 1024, ($file // 0) / 1024));
    return ($ctx // 0, $heap // 0, $priv // 0, $file // 0);
}

add_tables(1, 1000);
my ($ctx1, $heap1, $wctx1, $wpriv1, $priv1) = dump_figures(1000, 'many', 1);
add_tables(1001, 3000);
my ($ctx3, $heap3, $wctx3, $wpriv3, $priv3) = dump_figures(3000, 'many', 1);

my $mb = 1024 * 1024;
ok($ctx1 > 0 && $ctx3 - $ctx1 < 1.5 * $mb,
   sprintf("the leader's memory contexts grow by less than 1.5 MB from 1,000 to 3,000 tables (%.2f -> %.2f MB)",
           $ctx1 / $mb, $ctx3 / $mb));
ok($wctx1 > 0 && $wctx3 - $wctx1 < 128 * 1024,
   sprintf("a worker's memory contexts grow by less than 128 kB from 1,000 to 3,000 tables (%.2f -> %.2f MB)",
           $wctx1 / $mb, $wctx3 / $mb));
ok($wpriv1 > 0 && $wpriv3 - $wpriv1 < 1024,
   sprintf("a worker's private resident memory grows by less than 1 MB from 1,000 to 3,000 tables (%.2f -> %.2f MB)",
           $wpriv1 / 1024, $wpriv3 / 1024));
ok($heap1 > 0 && $heap3 - $heap1 < 64 * 1024,
   sprintf("the leader's heap outside its memory contexts grows by less than 64 kB from 1,000 to 3,000 tables "
           . "(%.2f -> %.2f MB)", $heap1 / $mb, $heap3 / $mb));
ok($priv1 > 0 && $priv3 - $priv1 < 1024,
   sprintf("the leader's private resident memory grows by less than 1 MB from 1,000 to 3,000 tables "
           . "(%.2f -> %.2f MB)", $priv1 / 1024, $priv3 / 1024));

$node->safe_psql('postgres', 'CREATE DATABASE lobs');
$node->safe_psql('lobs', 'CREATE EXTENSION parallel_dump');
add_large_objects(1, 2000);
my ($lctx2, $lheap2, $lwctx2) = dump_figures(2000, 'lobs', 2);
add_large_objects(2001, 20000);
my ($lctx20, $lheap20, $lwctx20) = dump_figures(20000, 'lobs', 2);
my $per_lo = ($lheap20 - $lheap2) / 18000;
ok($lheap2 > 0 && $per_lo < 8,
   sprintf("the leader's heap outside its memory contexts grows by less than 8 bytes per large object (%.1f bytes)",
           $per_lo));
my $ctx_per_lo = ($lctx20 - $lctx2) / 18000;
ok($lctx2 > 0 && $ctx_per_lo < 8,
   sprintf("the leader's memory contexts grow by less than 8 bytes per large object (%.1f bytes)", $ctx_per_lo));
my $wctx_per_lo = ($lwctx20 - $lwctx2) / 18000;
ok($lwctx2 > 0 && $wctx_per_lo < 16,
   sprintf("the memory contexts of the worker that dumps the large objects grow by less than 16 bytes each (%.1f bytes)",
           $wctx_per_lo));

my ($rctx1, $rheap1, $rpriv1, $rfile1) = restore_figures(1000);
my ($rctx3, $rheap3, $rpriv3, $rfile3) = restore_figures(3000);
ok($rctx1 > 0 && $rctx3 - $rctx1 < 256 * 1024,
   sprintf("pd_restore's leader: its memory contexts grow by less than 256 kB from 1,000 to 3,000 tables "
           . "(%.2f -> %.2f MB)", $rctx1 / $mb, $rctx3 / $mb));
ok($rheap1 > 0 && $rheap3 - $rheap1 < 64 * 1024,
   sprintf("pd_restore's leader: its heap outside the contexts grows by less than 64 kB (%.2f -> %.2f MB)",
           $rheap1 / $mb, $rheap3 / $mb));
ok($rpriv1 > 0 && $rpriv3 - $rpriv1 < 512,
   sprintf("pd_restore's leader: its private resident memory grows by less than 512 kB (%.2f -> %.2f MB)",
           $rpriv1 / 1024, $rpriv3 / 1024));
ok($rfile3 > 2 * $rfile1,
   sprintf("pd_restore's leader: what grows with the entries is in its plan file (%.2f -> %.2f MB)",
           $rfile1 / 1024, $rfile3 / 1024));

done_testing();
