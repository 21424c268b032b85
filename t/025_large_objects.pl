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

# --- large objects' metadata: the fast path, and batches on two workers at once ---
# 2,200 large objects, each but the first in archive order (by OID as text) with a COMMENT, the first
# three another owner's: in the run of metadata entries each COMMENT follows its BLOB entry, so that
# the batches of 1,000 entries (two workers at once) begin with a COMMENT whose BLOB entry ends the
# batch before: it must wait for that batch's commit.
$node->safe_psql('postgres', 'CREATE DATABASE lofast');
$node->safe_psql('lofast', q{CREATE EXTENSION parallel_dump;
  SELECT count(lo_from_bytea(0, convert_to('fast ' || g, 'UTF8'))) FROM generate_series(1, 2200) g;
  DO $$DECLARE o oid; BEGIN
    FOR o IN SELECT oid FROM pg_largeobject_metadata ORDER BY oid::text OFFSET 1 LOOP
      EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', o, 'c' || o);
    END LOOP;
    FOR o IN SELECT oid FROM pg_largeobject_metadata ORDER BY oid::text LIMIT 3 LOOP
      EXECUTE format('ALTER LARGE OBJECT %s OWNER TO lo_owner', o);
    END LOOP;
  END$$});
my $fast_want = $node->safe_psql('lofast', $lobs_sql);
my $fast_dir = "$base/lofast";
# more than 1,024 large objects: their files are made durable by one syncfs() (the default), ...
# (a setting the workers see once the postmaster has read it: a new session sees it then too)
sub set_system {
    my ($name, $value) = @_;
    $node->safe_psql('postgres', "LOAD 'parallel_dump'; ALTER SYSTEM " .
        (defined $value ? "SET $name = $value" : "RESET $name") . '; SELECT pg_reload_conf()');
    $node->poll_query_until('postgres', "SELECT coalesce(current_setting('$name', true), '') = " .
        (defined $value ? "'$value'" : "coalesce((SELECT boot_val FROM pg_settings WHERE name = '$name'), '')"))
      or die "$name not reloaded";
}
set_system('log_min_messages', 'debug1');
my $log_at = -s $node->logfile;
$node->safe_psql('lofast', "SELECT pd_dump('$fast_dir', 2)");
like(substr(slurp_file($node->logfile), $log_at), qr/the files of 2200 large objects made durable by one syncfs\(\)/,
    'the files of 2,200 large objects made durable by one syncfs()');
# ... or with blob_sync_method = fsync by an fsync each, in batches: the archive restores the same
set_system('parallel_dump.blob_sync_method', 'fsync');
$log_at = -s $node->logfile;
my $fsync_dir = "$base/lofsync";
$node->safe_psql('lofast', "SELECT pd_dump('$fsync_dir', 2)");
unlike(substr(slurp_file($node->logfile), $log_at), qr/made durable by one syncfs/, 'with fsync: no syncfs()');
set_system('parallel_dump.blob_sync_method', undef);
set_system('log_min_messages', undef);
$node->safe_psql('postgres', 'CREATE DATABASE r_fsync');
like($node->safe_psql('postgres', "SELECT restored || '|' || failed FROM pd_restore('$fsync_dir', 'r_fsync', 2)"),
    qr/^\d+\|0$/, 'the archive dumped with fsync restores');
is($node->safe_psql('r_fsync', $lobs_sql), $fast_want, 'and its copy is identical');
my @oids = split /\n/, $node->safe_psql('lofast', 'SELECT oid FROM pg_largeobject_metadata ORDER BY oid::text');
my @run = split /\n/, $node->safe_psql('postgres', qq{SELECT kind || ' ' || name FROM pd_list('$fast_dir')
  WITH ORDINALITY l WHERE kind = 'BLOB' OR name LIKE 'LARGE OBJECT %' ORDER BY ordinality});
is_deeply([ @run[999, 1000, 1999, 2000] ],
    [ "BLOB $oids[500]", "COMMENT LARGE OBJECT $oids[500]", "BLOB $oids[1000]", "COMMENT LARGE OBJECT $oids[1000]" ],
    'a COMMENT begins the second and the third batch, its BLOB ends the batch before');
$node->safe_psql('postgres', 'CREATE DATABASE r_fast');
my ($fret, $fout, $ferr) = $node->psql('postgres', "SELECT restored, failed FROM pd_restore('$fast_dir', 'r_fast', 2)");
like($fout, qr/^\d+\|0$/, 'the 2,200 large objects restore') or diag($ferr);
is($node->safe_psql('r_fast', $lobs_sql), $fast_want, 'contents, owners (lo_owner through the fast path), comments identical');

# The same archive, two BLOB entries' texts not quite pg_dump's (through SPI: they still restore), into a
# database where one large object exists already (its BLOB entry fails naming itself; without
# exit_on_error the others restore) and an event trigger logs DDL: the owners' ALTER LARGE OBJECT
# statements go through SPI then, and fire it.
my $forged_dir = "$base/loforged";
system('cp', '-a', $fast_dir, $forged_dir) == 0 or die "cp: $?";
my $toc = slurp_file("$forged_dir/toc.dat");
sub toc_str { my ($s) = @_; return pack('CV', 0, length($s)) . $s; }
my $forged = 0;
$forged += $toc =~ s/\Q@{[toc_str("SELECT pg_catalog.lo_create('$oids[0]');\n")]}\E/toc_str("SELECT  pg_catalog.lo_create('$oids[0]');\n")/e;
$forged += $toc =~ s/\Q@{[toc_str("SELECT pg_catalog.lo_create('$oids[1]');\n")]}\E/toc_str("select pg_catalog.lo_create('$oids[1]');\n")/e;
is($forged, 2, 'two BLOB entries forged');
open(my $fh, '>:raw', "$forged_dir/toc.dat") or die $!;
print $fh $toc;
close $fh;
$node->safe_psql('postgres', 'CREATE DATABASE r_forged');
$node->safe_psql('r_forged', qq{SELECT lo_create($oids[7]);
  CREATE TABLE ddl_log (tag text);
  CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS
    \$\$BEGIN INSERT INTO public.ddl_log VALUES (tg_tag); END\$\$;
  CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl()});
($fret, $fout, $ferr) = $node->psql('postgres',
    "SELECT restored, failed FROM pd_restore('$forged_dir', 'r_forged', 2, exit_on_error => false)");
like($fout, qr/^\d+\|1$/, 'one entry failed') or diag($ferr);
like($ferr, qr/could not restore TOC entry \d+; BLOB $oids[7]: duplicate key value/, 'the failure names its BLOB entry');
is($node->safe_psql('r_forged', $lobs_sql), $fast_want, 'the others restored: contents, owners, comments identical');
is($node->safe_psql('r_forged', q{SELECT count(*) FROM ddl_log WHERE tag = 'ALTER LARGE OBJECT'}), 3,
    'with an event trigger the owner statements ran as SQL and fired it');

# The fast path checks EXECUTE on lo_create(oid) as the SELECT would.
$node->safe_psql('postgres', q{CREATE ROLE lo_restorer LOGIN IN ROLE pg_read_server_files;
  GRANT EXECUTE ON FUNCTION pd_restore TO lo_restorer; CREATE DATABASE r_priv OWNER lo_restorer});
$node->safe_psql('r_priv', 'REVOKE EXECUTE ON FUNCTION lo_create(oid) FROM PUBLIC');
($fret, $fout, $ferr) = $node->psql('postgres',
    "SET ROLE lo_restorer; SELECT restored, failed FROM pd_restore('$fast_dir', 'r_priv', 2, exit_on_error => false)");
my $denied = () = $ferr =~ /BLOB \d+: permission denied for function lo_create/g;
is($denied, 2200, 'without EXECUTE on lo_create every BLOB entry fails') or diag(substr($ferr, 0, 2000));
is($node->safe_psql('r_priv', 'SELECT count(*) FROM pg_largeobject_metadata'), 0, 'and no large object was made');

$node->stop;
unlike(slurp_file($node->logfile), qr/terminated by signal|server process .* was terminated/, 'no process crashed');
done_testing();
