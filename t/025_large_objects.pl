# 100,000 small large objects (some with a COMMENT, a GRANT and another
# owner): pd_dump -> pd_restore and pd_dump -> stock pg_restore -j 2 give
# exact copies (contents, owners, comments, privileges), the smaller one also
# restored again with clean; and pd_restore's leader does not grow with the number of large
# objects (its peak against a restore of 20,000).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PdRestoreMemory;
use File::Temp;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $n_big = $ENV{PD_TEST_LARGE_OBJECTS} // 100000;
my $n_small = int($n_big / 5);
my $node = new_node('lobs');
$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump; CREATE ROLE lo_reader; CREATE ROLE lo_owner');
my $lobs_sql = q{SELECT count(*) || ' ' || md5(string_agg(m.oid || ' ' || pg_get_userbyid(m.lomowner) || ' '
    || coalesce(m.lomacl::text, '-') || ' ' || coalesce(obj_description(m.oid, 'pg_largeobject'), '-') || ' '
    || md5(lo_get(m.oid)), ',' ORDER BY m.oid)) FROM pg_largeobject_metadata m};
# one file per large object: on tmpfs when there is one
my $base = (-d '/dev/shm' && -w '/dev/shm')
    ? File::Temp::tempdir('pd_lo25_XXXX', DIR => '/dev/shm', CLEANUP => 1)
    : archive_dir('lo25');

# a database of $n large objects, dumped by pd_dump; returns (archive, digest of the source)
sub dumped {
    my ($n) = @_;
    my $db = "lobs$n";
    $node->safe_psql('postgres', "CREATE DATABASE $db");
    $node->safe_psql($db, qq{CREATE EXTENSION parallel_dump;
      SELECT count(lo_from_bytea(0, convert_to('large object ' || g || repeat('x', g % 97), 'UTF8')))
        FROM generate_series(1, $n) g;
      DO \$\$DECLARE o oid;
      BEGIN
        FOR o IN SELECT oid FROM pg_largeobject_metadata ORDER BY oid LIMIT 50 LOOP
          EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', o, 'comment of ' || o);
          EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO lo_reader', o);
          EXECUTE format('ALTER LARGE OBJECT %s OWNER TO lo_owner', o);
        END LOOP;
      END\$\$});
    my $want = $node->safe_psql($db, $lobs_sql);
    like($want, qr/^$n /, "$n large objects made");
    my $dir = "$base/$db";
    my $t0 = time();
    $node->safe_psql($db, "SELECT pd_dump('$dir', 2)");
    note(sprintf('pd_dump of %d large objects: %.1f s', $n, time() - $t0));
    return ($dir, $want);
}

my ($small_dir, $small_want) = dumped($n_small);
my ($big_dir, $big_want) = dumped($n_big);

# pd_restore of both, sampled
my %peak;
for my $case ([ $n_small, $small_dir, $small_want ], [ $n_big, $big_dir, $big_want ]) {
    my ($n, $dir, $want) = @$case;
    $node->safe_psql('postgres', "CREATE DATABASE r$n");
    my %r = pd_restore_sampled($node, "pd_restore('$dir', 'r$n', 2)");
    # every BLOB, the 50 COMMENT and ACL entries, the contents, and the few other entries
    ok(defined $r{failed} && $r{failed} == 0 && $r{restored} >= $n + 100 + 1,
        sprintf('pd_restore of %d large objects: restored %s, failed %s', $n, $r{restored} // '?', $r{failed} // '?'))
      or diag($r{stderr});
    is($node->safe_psql("r$n", $lobs_sql), $want, "$n large objects: contents, owners, comments and privileges identical");
    note(sprintf('pd_restore of %d large objects: %.1f s; peak RssAnon: leader %s kB, worker %s kB', $n,
        $r{seconds}, $r{leader} // '?', $r{worker} // '?'));
    $peak{$n} = $r{leader};
}
ok(defined $peak{$n_small} && defined $peak{$n_big}, 'the leader was sampled');
# the leader keeps no entry per large object (it was ~740 bytes each: 5 times the objects took 4 times the memory)
cmp_ok($peak{$n_big} // 1e9, '<=', 1.25 * ($peak{$n_small} // 0),
    sprintf("pd_restore's leader: %s kB for %d large objects, %s kB for %d", $peak{$n_big} // '?', $n_big,
        $peak{$n_small} // '?', $n_small));

# again over the smaller copy, with clean and if_exists: the large objects are dropped and made again
my ($ret, $out, $err) = $node->psql('postgres',
    "SELECT restored, failed FROM pd_restore('$small_dir', 'r$n_small', 2, clean => true, if_exists => true)");
like($out, qr/^\d+\|0$/, 'restored again with clean') or diag($err);
# the summary counts the large objects' metadata entries in its total too
my ($done, $total) = $err =~ /pd_restore: (\d+) of (\d+) items/;
ok(defined $done && $done == $total && $done == (split /\|/, $out)[0],
    "the summary's items: done equals total equals restored ($err)");
is($node->safe_psql("r$n_small", $lobs_sql), $small_want, 'and the copy is still identical');

# stock pg_restore -j 2 of pd_dump's archive
$node->safe_psql('postgres', 'CREATE DATABASE r_pg');
my $t0 = time();
$node->command_ok([ 'pg_restore', '-j', '2', '-d', $node->connstr('r_pg'), $big_dir ], 'pg_restore -j 2 restores it');
note(sprintf('pg_restore -j 2 of %d large objects: %.1f s', $n_big, time() - $t0));
is($node->safe_psql('r_pg', $lobs_sql), $big_want, 'pg_restore: contents, owners, comments and privileges identical');

# pd_list streams: every entry listed, one BLOB per large object
is($node->safe_psql('postgres', "SELECT count(*) FILTER (WHERE kind = 'BLOB') FROM pd_list('$big_dir')"), $n_big,
    'pd_list lists every BLOB entry');

$node->stop;
unlike(slurp_file($node->logfile), qr/terminated by signal|server process .* was terminated/, 'no process crashed');
done_testing();
