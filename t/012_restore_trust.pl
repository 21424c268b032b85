# pd_restore as a careful DBA and a security reviewer would try it: only into
# databases a connection of the caller could reach; the archive's SQL runs
# whole, with the caller's rights, valid in the server encoding; old archives
# get pg_restore's search_path; synchronous standbys have the data when it
# returns; 20,000 large objects restore with flat memory, without a crash
# (t/025 restores 100,000 and compares the leader with 20,000).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use Time::HiRes qw(time sleep);
use File::Temp ();

my $node = new_node('trust');
$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump');

# A fresh UTF8 database (whatever the cluster's default encoding).
sub fresh_db {
    my ($db, $extra) = @_;
    $node->safe_psql('postgres', "DROP DATABASE IF EXISTS $db");
    $node->safe_psql('postgres',
        "CREATE DATABASE $db ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0 " . ($extra // ''));
}

sub tables_in {
    my ($db) = @_;
    return $node->safe_psql($db, q{SELECT coalesce(string_agg(n.nspname || '.' || c.relname, ',' ORDER BY 1), '')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'
       AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')});
}

# --- forged archives ---------------------------------------------------------
# toc.dat as pg_dump writes it: an int is a sign byte and 4 little-endian
# bytes, a string its length (-1: NULL) and its bytes.
sub toc_int { my ($v) = @_; return pack('CV', $v < 0 ? 1 : 0, abs($v)); }
sub toc_str { my ($s) = @_; return defined $s ? toc_int(length($s)) . $s : toc_int(-1); }

# A directory archive of version 1.$minor with the given entries (hashes:
# desc, tag, nspace, defn, copy, data, deps, section), numbered from 1.
sub forge_archive {
    my ($dir, $minor, @entries) = @_;
    mkdir $dir or die "mkdir $dir: $!";
    my $toc = 'PGDMP' . pack('C6', 1, $minor, 0, 4, 8, 3) . toc_int(0);
    $toc .= toc_int($_) for (0, 0, 12, 1, 0, 126, 0);
    $toc .= toc_str('forged') . toc_str('15.0') . toc_str('15.0') . toc_int(scalar @entries);
    my $id = 0;
    for my $e (@entries) {
        $id++;
        my $file = defined $e->{data} ? "$id.dat" : '';
        $toc .= toc_int($id) . toc_int($file ne '' ? 1 : 0) . toc_str('0') . toc_str('0');
        $toc .= toc_str($e->{tag}) . toc_str($e->{desc}) . toc_int($e->{section} // 2);
        $toc .= toc_str($e->{defn} // '') . toc_str($e->{drop} // '') . toc_str($e->{copy}) . toc_str($e->{nspace});
        $toc .= toc_str(undef);                      # tablespace
        $toc .= toc_str(undef) if $minor >= 14;      # table access method
        $toc .= toc_str('') . toc_str('false');      # owner (none), with OIDs
        $toc .= toc_str($_) for @{ $e->{deps} // [] };
        $toc .= toc_int(-1) . toc_str($file);
        if ($file ne '') {
            open(my $fh, '>:raw', "$dir/$file") or die;
            print $fh $e->{data};
            close $fh;
        }
    }
    open(my $fh, '>:raw', "$dir/toc.dat") or die;
    print $fh $toc;
    close $fh;
    chmod 0755, $dir;
    return $dir;
}

# The entries every modern archive begins with.
sub settings {
    my ($encoding) = @_;
    return (
        { desc => 'ENCODING', tag => 'ENCODING',
          defn => "SET client_encoding = '" . ($encoding // 'UTF8') . "';\n" },
        { desc => 'STDSTRINGS', tag => 'STDSTRINGS',
          defn => "SET standard_conforming_strings = 'on';\n" },
        { desc => 'SEARCHPATH', tag => 'SEARCHPATH',
          defn => "SELECT pg_catalog.set_config('search_path', '', false);\n" });
}

my $n_forged = 0;
sub forged {
    my ($minor, @entries) = @_;
    return forge_archive(archive_dir('forged_' . ++$n_forged), $minor, @entries);
}

sub table_entry {
    my ($name, $sql) = @_;
    return { desc => 'TABLE', tag => $name, nspace => 'public', defn => $sql };
}

sub pd_restore {
    my ($dir, $db, $args, %opts) = @_;
    return $node->psql('postgres', "SELECT restored, failed FROM pd_restore('$dir', '$db'" . ($args // '') . ')',
        %opts);
}

# --- item 1: only targets a connection of the caller could reach ---------------
my $simple = forged(14, settings(), table_entry('restored', "CREATE TABLE public.restored (x int);\n"));
$node->safe_psql('postgres', q{CREATE ROLE alice LOGIN IN ROLE pg_read_server_files;
  CREATE ROLE bob LOGIN IN ROLE pg_read_server_files; CREATE ROLE alice_admin LOGIN IN ROLE alice;
  GRANT EXECUTE ON FUNCTION pd_restore TO alice, bob, alice_admin});
fresh_db('noconn', 'ALLOW_CONNECTIONS false');
my ($ret, $out, $err) = pd_restore($simple, 'noconn');
like($err, qr/ERROR:  database "noconn" is not currently accepting connections/, 'ALLOW_CONNECTIONS false refused');
($ret, $out, $err) = pd_restore('/nonexistent/archive', 'noconn');
like($err, qr/not currently accepting connections/, 'refused before the archive is even read');
$node->safe_psql('postgres', 'ALTER DATABASE noconn ALLOW_CONNECTIONS true');
is(tables_in('noconn'), '', 'nothing was written into it');

($ret, $out, $err) = pd_restore($simple, 'template0');
like($err, qr/ERROR:  (database "template0" is not currently accepting connections|cannot restore into template database "template0")/,
    'template0 refused, also for a superuser');
$node->safe_psql('postgres', 'ALTER DATABASE template0 ALLOW_CONNECTIONS true');
($ret, $out, $err) = pd_restore($simple, 'template0');
like($err, qr/ERROR:  cannot restore into template database "template0"/, 'template0 refused even when it accepts connections');
is($node->safe_psql('template0', "SELECT count(*) FROM pg_class WHERE relname = 'restored'"), '0', 'template0 untouched');
$node->safe_psql('postgres', 'ALTER DATABASE template0 ALLOW_CONNECTIONS false');

fresh_db('alices');
fresh_db('alices_tmpl');
fresh_db('not_alices');
$node->safe_psql('postgres', q{ALTER DATABASE alices OWNER TO alice; ALTER DATABASE alices_tmpl OWNER TO alice;
  ALTER DATABASE alices_tmpl IS_TEMPLATE true; GRANT CONNECT, CREATE ON DATABASE not_alices TO alice});
my %as_alice = (connstr => $node->connstr('postgres') . ' user=alice');
($ret, $out, $err) = pd_restore($simple, 'not_alices', '', %as_alice);
like($err, qr/ERROR:  must be owner of database not_alices/, 'a non-superuser may not restore into a database it does not own');
like($err, qr/HINT:  A role that is not a superuser may restore only into a database whose owner's privileges it has/,
    'with a hint');
is(tables_in('not_alices'), '', 'nothing written there, CONNECT and CREATE notwithstanding');
($ret, $out, $err) = pd_restore($simple, 'alices_tmpl', '', %as_alice);
like($err, qr/ERROR:  cannot restore into template database "alices_tmpl"/, 'a non-superuser may not restore into a template');
is(tables_in('alices_tmpl'), '', 'nothing written into the template');
($ret, $out, $err) = pd_restore($simple, 'alices_tmpl');
is($out, '1|0', 'a superuser may restore into a template database that accepts connections') or diag($err);
($ret, $out, $err) = pd_restore($simple, 'alices', '', %as_alice);
is($out, '1|0', 'the owner restores into its database') or diag($err);
fresh_db('alices');
$node->safe_psql('postgres', 'ALTER DATABASE alices OWNER TO alice');
($ret, $out, $err) = pd_restore($simple, 'alices', '', connstr => $node->connstr('postgres') . ' user=alice_admin');
is($out, '1|0', "so does a role with the owner's privileges") or diag($err);
($ret, $out, $err) = pd_restore($simple, 'alices', '', connstr => $node->connstr('postgres') . ' user=bob');
like($err, qr/permission denied for database alices/, 'CONNECT and CREATE are still needed');

# --- item 2: archive SQL is trusted code, run with the caller's rights --------
my $written = archive_dir('written.txt');
my $copy_out = forged(14, settings(), table_entry('t', "COPY (SELECT 'from the archive') TO '$written';\n"));
fresh_db('files');
($ret, $out, $err) = pd_restore($copy_out, 'files');
is($out, '1|0', "a superuser's restore runs the archive's COPY TO a file, as pg_restore would") or diag($err);
is(-e $written ? slurp_file($written) : '', "from the archive\n", 'the file was written');
unlink $written;
my $do_copy = forged(14, settings(),
    table_entry('t', "DO \$\$BEGIN EXECUTE format('COPY (SELECT 1) TO %L', '$written'); END\$\$;\n"));
fresh_db('alices');
$node->safe_psql('postgres', 'ALTER DATABASE alices OWNER TO alice');
for my $case ([ $copy_out, 'COPY TO a file' ], [ $do_copy, 'COPY TO a file inside a DO block' ]) {
    ($ret, $out, $err) = pd_restore($case->[0], 'alices', '', %as_alice);
    like($err, qr/ERROR:  .*pg_write_server_files/, "$case->[1]: refused by the caller's own rights");
}
ok(!-e $written, 'nothing written by a role without pg_write_server_files');

# --- item 3: every statement of an entry runs, or the entry fails -------------
for my $case ([ 'COPY public.a FROM stdin;', 'SPI_ERROR_COPY', 'COPY FROM stdin' ],
    [ 'COMMIT;', 'SPI_ERROR_TRANSACTION', 'COMMIT' ]) {
    my ($stmt, $code, $what) = @$case;
    my $dir = forged(14, settings(),
        table_entry('a', "CREATE TABLE public.a (x int);\n$stmt\nCREATE TABLE public.b (x int);\n"),
        table_entry('c', "CREATE TABLE public.c (x int);\n"));
    fresh_db('whole');
    ($ret, $out, $err) = pd_restore($dir, 'whole');
    like($err, qr/ERROR:  could not run every statement of the TOC entry: $code/, "$what inside an entry: an ERROR");
    like($err, qr/restoring TOC entry 4; TABLE public\.a/, "$what: naming the entry");
    is(tables_in('whole'), '', "$what: nothing of the entry stays");
    fresh_db('whole');
    ($ret, $out, $err) = pd_restore($dir, 'whole', ', exit_on_error => false');
    is($out, '1|1', "$what without exit_on_error: a counted failure");
    like($err, qr/WARNING:  could not restore TOC entry 4; TABLE a: could not run every statement/, "$what: a WARNING");
    is(tables_in('whole'), 'public.c', "$what: the other entries are restored, the failed one not at all");
}

# --- item 7: text from the archive is valid in the server encoding -----------
for my $case ([ "CREATE TABLE public.bad\xff (x int);\n", '0xff', 'an invalid UTF8 byte' ],
    [ "CREATE TABLE public.n1 (x int);\0CREATE TABLE public.n2 (x int);\n", '0x00', 'a zero byte' ]) {
    my ($sql, $byte, $what) = @$case;
    my $dir = forged(14, settings(), table_entry('t', $sql));
    fresh_db('enc');
    ($ret, $out, $err) = pd_restore($dir, 'enc');
    like($err, qr/ERROR:  invalid byte sequence for encoding "UTF8": $byte/, "$what in an entry's SQL: an ERROR");
    like($err, qr/reading TOC entry 4/, "$what: naming the entry");
    is(tables_in('enc'), '', "$what: nothing restored");
}
{
    my $dir = forged(14, settings('LATIN1'), table_entry("caf\xe9", "CREATE TABLE public.caf\xe9 (x int);\n"));
    fresh_db('enc');
    ($ret, $out, $err) = pd_restore($dir, 'enc');
    is($out, '1|0', 'a LATIN1 archive restores into a UTF8 database') or diag($err);
    is($node->safe_psql('enc', q{SELECT count(*) FROM pg_class WHERE relname = U&'caf\00e9'}), '1',
        'its names converted');
}

# --- item 11: an archive older than 1.13 has no SEARCHPATH entry ---------------
{
    my @old = (settings())[ 0 .. 1 ];
    push @old, { desc => 'SCHEMA', tag => 'old', defn => "CREATE SCHEMA old;\n" };
    push @old, { desc => 'TABLE', tag => 'item', nspace => 'old', deps => [3],
                 defn => "CREATE TABLE item (\n    id integer,\n    label text\n);\n" };
    push @old, { desc => 'FUNCTION', tag => 'twice(integer)', nspace => 'old', deps => [3],
                 defn => "CREATE FUNCTION twice(integer) RETURNS integer\n    LANGUAGE sql\n    AS \$\$SELECT \$1 * 2\$\$;\n" };
    push @old, { desc => 'TABLE DATA', tag => 'item', nspace => 'old', section => 3, deps => [4],
                 copy => "COPY item (id, label) FROM stdin;\n", data => "1\tone\n2\ttwo\n\\.\n\n" };
    push @old, { desc => 'INDEX', tag => 'item_label', nspace => 'old', section => 4, deps => [4],
                 defn => "CREATE INDEX item_label ON item USING btree (label);\n" };
    my $dir = forged(12, @old);
    fresh_db('old_pd');
    fresh_db('old_pg');
    ($ret, $out, $err) = pd_restore($dir, 'old_pd', ', 2');
    is($out, '5|0', 'a 1.12 archive restores') or diag($err);
    command_ok([ 'pg_restore', '-O', '-d', $node->connstr('old_pg'), $dir ], 'pg_restore restores the same archive');
    is(tables_in('old_pd'), 'old.item', 'its objects are created in their own schema');
    my ($rr, $rows_out) = $node->psql('old_pd', q{SELECT string_agg(label, ',' ORDER BY id) FROM old.item});
    is($rows_out, 'one,two', 'with their rows');
    same_text(schema_of($node, 'old_pd'), schema_of($node, 'old_pg'), "as pg_restore restores it");
}

# --- item 10: synchronous standbys have the data when pd_restore returns ------
{
    my $primary = PostgreSQL::Test::Cluster->new('sync_primary');
    $primary->init(allows_streaming => 1);
    $primary->append_conf('postgresql.conf', "max_worker_processes = 8\n");
    $primary->start;
    $primary->safe_psql('postgres', 'CREATE EXTENSION parallel_dump; CREATE DATABASE dst; CREATE DATABASE dst2; CREATE DATABASE dst3');
    $primary->backup('base');
    my $standby = PostgreSQL::Test::Cluster->new('sync_standby');
    $standby->init_from_backup($primary, 'base', has_streaming => 1);
    $standby->start;
    $primary->append_conf('postgresql.conf', "synchronous_standby_names = '*'\n");
    $primary->reload;
    ok($primary->poll_query_until('postgres', q{SELECT sync_state = 'sync' FROM pg_stat_replication}),
        'the standby is synchronous');
    my $rows = forged(14, settings(), table_entry('t', "CREATE TABLE public.t (x int);\n"),
        { desc => 'TABLE DATA', tag => 't', nspace => 'public', section => 3, deps => [4],
          copy => "COPY public.t (x) FROM stdin;\n", data => join('', map { "$_\n" } 1 .. 1000) . "\\.\n" });
    my ($r, $o, $e) = $primary->psql('postgres',
        "SET synchronous_commit = remote_apply; SELECT restored, failed FROM pd_restore('$rows', 'dst', 2)");
    is($o, '2|0', 'restored on the primary') or diag($e);
    is($standby->safe_psql('dst', 'SELECT count(*) FROM t'), '1000', 'the standby has every row when pd_restore returns');
    $standby->stop;
    my $start = time();
    ($r, $o, $e) = $primary->psql('postgres',
        "SET statement_timeout = '4s'; SELECT restored, failed FROM pd_restore('$rows', 'dst2', 2)");
    my $waited = time() - $start;
    like($e, qr/WARNING:  canceling wait for synchronous replication due to user request/,
        'without the standby, pd_restore waits for it, until canceled');
    cmp_ok($waited, '>=', 3.5, sprintf('it waited (%.1f s)', $waited));
    $start = time();
    ($r, $o, $e) = $primary->psql('postgres',
        "SET statement_timeout = '4s'; SET synchronous_commit = local; SELECT restored, failed FROM pd_restore('$rows', 'dst3', 2)");
    is($o, '2|0', 'with synchronous_commit = local it does not wait') or diag($e);
    cmp_ok(time() - $start, '<', 3.5, 'and returns at once');
    $primary->stop;
}

# --- item 0: 20,000 large objects, with flat memory ----------------------------
# (PD_TEST_LARGE_OBJECTS may lower the count)
my $n_lobs = $ENV{PD_TEST_LARGE_OBJECTS} // 20000;
fresh_db('lobs');
$node->safe_psql('lobs', qq{CREATE EXTENSION parallel_dump; CREATE ROLE lo_reader;
  SELECT count(lo_from_bytea(0, convert_to('large object ' || g || repeat('x', g % 97), 'UTF8')))
    FROM generate_series(1, $n_lobs) g;});
$node->safe_psql('lobs', q{DO $$DECLARE o oid;
  BEGIN
    FOR o IN SELECT oid FROM pg_largeobject_metadata ORDER BY oid LIMIT 100 LOOP
      EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', o, 'comment of ' || o);
      EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO lo_reader', o);
    END LOOP;
  END$$});
my $lobs_sql = q{SELECT count(*) || ' ' || md5(string_agg(m.oid || ' ' || pg_get_userbyid(m.lomowner) || ' '
    || coalesce(m.lomacl::text, '-') || ' ' || coalesce(obj_description(m.oid, 'pg_largeobject'), '-') || ' '
    || md5(lo_get(m.oid)), ',' ORDER BY m.oid)) FROM pg_largeobject_metadata m};
my $lobs_src = $node->safe_psql('lobs', $lobs_sql);
like($lobs_src, qr/^$n_lobs /, "$n_lobs large objects made");
# one file per large object: on tmpfs when there is one, where writing and
# deleting 20,000 files takes a second
my $lobs_dir = (-d '/dev/shm' && -w '/dev/shm')
    ? File::Temp::tempdir('pd_lobs_XXXX', DIR => '/dev/shm', CLEANUP => 1) . '/lobs'
    : archive_dir('lobs');
my $t0 = time();
$node->safe_psql('lobs', "SELECT pd_dump('$lobs_dir', 2)");
note(sprintf('pd_dump of %d large objects: %.1f s', $n_lobs, time() - $t0));
fresh_db('lobs_r');

# pd_restore in the background; its leader's and workers' private memory
# (RssAnon: what a leak grows; shared buffers are not in it) sampled while it
# runs.  Above the bound the restore is canceled, before the machine suffers.
my $bound_kb = 256 * 1024;
my ($stdout, $stderr) = ('', '');
$t0 = time();
my $h = IPC::Run::start([ 'psql', '-XAtq', '-d', $node->connstr('postgres'), '-c',
    "SELECT restored, failed FROM pd_restore('$lobs_dir', 'lobs_r', 2)" ], '>', \$stdout, '2>', \$stderr);
my (%peak, $leader_first, $leader_running, $canceled);
while ($h->pumpable) {
    $h->pump_nb;
    my $procs = $node->safe_psql('postgres', q{SELECT pid, CASE WHEN backend_type = 'client backend'
      THEN 'leader' ELSE 'worker' END FROM pg_stat_activity WHERE backend_type = 'parallel_dump restore worker'
       OR (query LIKE 'SELECT restored, failed FROM pd_restore(%' AND pid <> pg_backend_pid())});
    my $workers = () = $procs =~ /\|worker/g;
    for my $line (split /\n/, $procs) {
        my ($pid, $role) = split /\|/, $line;
        open(my $fh, '<', "/proc/$pid/status") or next;
        my ($kb) = join('', <$fh>) =~ /^RssAnon:\s+(\d+) kB/m;
        close $fh;
        next unless defined $kb;
        $peak{$role} = $kb if !defined $peak{$role} || $kb > $peak{$role};
        # the leader's memory once it has read the archive and the workers run
        if ($role eq 'leader' && $workers > 0) {
            $leader_first //= $kb;
            $leader_running = $kb if !defined $leader_running || $kb > $leader_running;
        }
        if ($kb > $bound_kb && !$canceled) {
            $canceled = "$role $pid at $kb kB";
            $node->safe_psql('postgres', "SELECT pg_cancel_backend(pid) FROM pg_stat_activity
              WHERE query LIKE 'SELECT restored, failed FROM pd_restore(%' AND pid <> pg_backend_pid()");
        }
    }
    # often: on a fast machine the whole restore takes under two seconds
    sleep(0.05);
}
$h->finish;
my $took = time() - $t0;
my ($restored, $failed) = $stdout =~ /^(\d+)\|(\d+)$/m;
ok(defined $failed && $failed == 0 && $restored >= $n_lobs + 200 + 1,
    "pd_restore restored every BLOB, ACL and COMMENT entry and the contents ($stdout)") or diag($stderr);
ok(!$canceled, "memory stayed under the bound of $bound_kb kB") or diag("canceled: $canceled");
note(sprintf('pd_restore of %d large objects: %.1f s; peak RssAnon: leader %d kB (%d kB once planned, at most %d kB '
    . 'while the workers run), worker %d kB', $n_lobs, $took, $peak{leader} // -1, $leader_first // -1,
    $leader_running // -1, $peak{worker} // -1));
ok(defined $peak{worker} && defined $leader_first, 'leader and workers were sampled');
cmp_ok(($leader_running // 0) - ($leader_first // 0), '<', 16 * 1024,
    "the leader's memory stays flat while it hands out $n_lobs entries");
is($node->safe_psql('lobs_r', $lobs_sql), $lobs_src, 'contents, owners, comments and privileges identical');

$node->stop;
my $log = slurp_file($node->logfile);
unlike($log, qr/terminated by signal|server process .* was terminated/, 'no process crashed or was killed');
done_testing();
