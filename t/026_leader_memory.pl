# pd_dump's memory does not grow with the number of tables: between 1,000
# and 4,000 small tables (serial primary key, a text column, 10 rows each,
# as bench/restore_scale.sh) the leader's memory contexts (catalog query rows,
# catalog caches) and a worker's stay within a small constant, and the
# leader's C++ plan grows by a few kB per table at most.  The figures are
# the ones pd_dump reports at DEBUG1 (bench/leader_memory.sh prints them up
# to 20,000 tables).
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
    my ($n) = @_;
    my $dir = archive_dir("many_$n");
    my ($ret, $out, $err) = $node->psql('many', "SET client_min_messages = debug1; SELECT pd_dump('$dir', 2)");
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
# what is left is the plan itself (entries and their texts, ~8 kB per table of this kind)
my $per_table = ($malloc4 - $malloc1) / 3000;
ok($malloc1 > 0 && $per_table < 14 * 1024,
   sprintf("the leader's heap grows by less than 14 kB per table (%.1f kB)", $per_table / 1024));

done_testing();
