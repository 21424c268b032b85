# pd_dump's memory does not grow with the number of tables: between 1,000
# and 4,000 small tables (serial primary key, a text column, 10 rows each,
# as bench/restore_scale.sh) the leader's memory contexts (catalog query rows,
# catalog caches) and a worker's stay within a small constant, and the
# leader's C++ plan, whose entry texts are in a temporary file, grows by
# 4 kB per table at most (~2 kB now; it held them all, ~9 kB per table, before).
# The same for 5,000 and 40,000 large objects: 450 bytes per large object
# (~190 now; ~900 before).
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

# pd_dump's own figures: the leader's peak contexts and malloc, worker 0's peak contexts (bytes)
sub dump_figures {
    my ($n, $db) = @_;
    $db //= 'many';
    my $dir = archive_dir("${db}_$n");
    my ($ret, $out, $err) = $node->psql($db, "SET client_min_messages = debug1; SELECT pd_dump('$dir', 2)");
    is($ret, 0, "pd_dump of $n tables") or diag($err);
    ok(-f "$dir/toc.dat", "$n tables: toc.dat written");
    my ($ctx, $malloc) = $err =~ /pd_dump leader: peak resident memory \d+ kB, memory contexts (\d+) bytes at most, malloc (\d+) bytes at most/;
    my ($wctx) = $err =~ /pd_dump worker 0: peak resident memory \d+ kB, memory contexts (\d+) bytes/;
    ok(defined $ctx && defined $wctx, "$n tables: the leader and worker 0 report their memory")
      or diag($err);
    diag(sprintf('%d tables: leader contexts %.1f MB, malloc %.1f MB; worker 0 contexts %.1f MB',
                 $n, ($ctx // 0) / 1048576, ($malloc // 0) / 1048576, ($wctx // 0) / 1048576));
    return ($ctx // 0, $malloc // 0, $wctx // 0);
}

# large objects $first..$last of database lobs (small ones, as bench/large_objects.sh makes them)
sub add_large_objects {
    my ($first, $last) = @_;
    $node->safe_psql('lobs', qq{SELECT count(lo_from_bytea(0, convert_to('large object ' || g, 'UTF8')))
                                FROM generate_series($first, $last) g});
}

add_tables(1, 1000);
my ($ctx1, $malloc1, $wctx1) = dump_figures(1000);
add_tables(1001, 4000);
my ($ctx4, $malloc4, $wctx4) = dump_figures(4000);

my $mb = 1024 * 1024;
ok($ctx1 > 0 && $ctx4 - $ctx1 < 4 * $mb,
   sprintf("the leader's memory contexts grow by less than 4 MB from 1,000 to 4,000 tables (%.1f -> %.1f MB)",
           $ctx1 / $mb, $ctx4 / $mb));
ok($wctx1 > 0 && $wctx4 - $wctx1 < $mb,
   sprintf("a worker's memory contexts grow by less than 1 MB from 1,000 to 4,000 tables (%.1f -> %.1f MB)",
           $wctx1 / $mb, $wctx4 / $mb));
# what is left is the plan's records (its texts are in a temporary file)
my $per_table = ($malloc4 - $malloc1) / 3000;
ok($malloc1 > 0 && $per_table < 4 * 1024,
   sprintf("the leader's heap grows by less than 4 kB per table (%.2f kB)", $per_table / 1024));

$node->safe_psql('postgres', 'CREATE DATABASE lobs');
$node->safe_psql('lobs', 'CREATE EXTENSION parallel_dump');
add_large_objects(1, 5000);
my ($lctx5, $lmalloc5) = dump_figures(5000, 'lobs');
add_large_objects(5001, 40000);
my ($lctx40, $lmalloc40) = dump_figures(40000, 'lobs');
my $per_lo = ($lmalloc40 - $lmalloc5) / 35000;
ok($lmalloc5 > 0 && $per_lo < 450,
   sprintf("the leader's heap grows by less than 450 bytes per large object (%.0f bytes)", $per_lo));

done_testing();
