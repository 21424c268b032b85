# pd_mirror: copies a database into an empty database of another cluster
# over libpq; the copy equals what pg_dump | pg_restore gives on the same
# target (schema, rows, sequences, large objects), with 1, 2 and 4 jobs and
# with create_database.  Faults end in an ERROR naming what failed, with no
# worker left on the source and no session left on the target; a
# non-superuser must give a password the target used, and a password is
# never shown.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $src = new_node('mirror_src');
my $dst = new_node('mirror_dst');
load_rich($src, 'rich');
load_corpus($src, 'parts', 'partition_schema.sql');
load_corpus($src, 'kinds', 'more_kinds.sql');
load_corpus($src, 'edge', 'edge_kinds.sql');
$dst->psql('postgres', slurp_data('rich_roles.sql')); # roles are global: the target needs them

# What pg_dump | pg_restore gives on the target, for comparison.
sub reference_copy {
    my ($db) = @_;
    my $dir = archive_dir("ref_$db");
    command_ok([ 'pg_dump', '-Fd', '-f', $dir, '-d', $src->connstr($db) ], "$db: pg_dump");
    $dst->safe_psql('postgres', "CREATE DATABASE ref_$db TEMPLATE template0");
    my ($out, $err) = run_command([ 'pg_restore', '-d', $dst->connstr("ref_$db"), $dir ]);
    return "ref_$db";
}

sub mirror {
    my ($db, $target, $args) = @_;
    my $conn = $dst->connstr($target);
    return $src->psql($db, "SELECT entries > 0, tables_copied, rows_copied FROM pd_mirror(\$c\$$conn\$c\$$args)");
}

sub mirror_ok {
    my ($db, $target, $args, $ref, $what) = @_;
    $dst->safe_psql('postgres', "CREATE DATABASE $target TEMPLATE template0") unless $args =~ /create_database/;
    my ($ret, $out, $err) = mirror($db, $target, $args);
    is($ret, 0, "$what: pd_mirror succeeds") or diag($err);
    like($out, qr/^t\|\d+\|\d+$/, "$what: counts returned ($out)");
    same_text(schema_of($dst, $target), schema_of($dst, $ref), "$what: pg_dump -s as after pg_dump | pg_restore");
    same_text(data_of($dst, $target), data_of($dst, $ref), "$what: rows, sequences and large objects as well");
}

# binary COPY only for what it carries faithfully: OID aliases (regclass names
# another object on the target), enums, domains and user types go as text
$src->safe_psql('postgres', 'CREATE DATABASE types');
$src->safe_psql('types', q{CREATE EXTENSION parallel_dump;
  CREATE TABLE pointed_at (x int); CREATE TYPE mood AS ENUM ('ok', 'bad'); CREATE DOMAIN posint AS int CHECK (VALUE > 0);
  CREATE TYPE pair AS (a int, b text);
  CREATE TABLE aliases (r regclass, rt regtype, ra regclass[], rp regprocedure, rn regnamespace);
  INSERT INTO aliases VALUES ('pointed_at', 'mood', ARRAY['pointed_at'::regclass, 'aliases'], 'now()', 'public');
  CREATE TABLE users_types (m mood, d posint, p pair, ps pair[]);
  INSERT INTO users_types VALUES ('bad', 7, (1, 'x'), ARRAY[(2, 'y')::pair]);
  CREATE TABLE builtins (i int, b bigint, n numeric, f float8, t text, c char(3), by bytea, j jsonb, ts timestamptz,
    d date, iv interval, u uuid, pt point, ir int4range, ia int[], ta text[], x xml, bo boolean, inet inet, bits bit(4));
  INSERT INTO builtins SELECT g, g::bigint * 1000000000, g / 7.0, g / 3.0, 'row ' || g || E'\ttab', 'ab', '\x00ff'::bytea,
    '{"k": [1, 2]}', '2026-01-01 12:00+02', '2026-02-03', '1 day 2 hours', gen_random_uuid(), point(g, -g),
    int4range(g, g + 10), ARRAY[g, NULL], ARRAY['a', NULL, E'b\\c'], '<a>x</a>', g % 2 = 0, '10.0.0.1/8', B'1010'
    FROM generate_series(1, 2000) g;
  INSERT INTO builtins (i) VALUES (NULL);});
$dst->safe_psql('postgres', 'CREATE TABLE IF NOT EXISTS pad (x int); DROP TABLE pad;'); # OIDs differ on the target

my %ref;
for my $db ('rich', 'parts', 'kinds', 'edge', 'types') {
    $ref{$db} = reference_copy($db);
    mirror_ok($db, "${db}_m2", '', $ref{$db}, "$db: jobs 2");
}
is($dst->safe_psql('types_m2', q{SELECT r::text || ' ' || rt::text || ' ' || ra::text FROM aliases}),
    'pointed_at mood {pointed_at,aliases}', 'OID aliases name the target\'s objects');
mirror_ok('rich', 'rich_m1', ', 1', $ref{rich}, 'rich: jobs 1');
mirror_ok('rich', 'rich_m4', ', jobs => 4', $ref{rich}, 'rich: jobs 4');
my ($ret, $out, $err);
# the database's own properties go with create_database, as pg_restore --create restores them
$src->safe_psql('postgres', slurp_data('rich_roles.sql')) unless $src->safe_psql('postgres',
    q{SELECT count(*) FROM pg_roles WHERE rolname = 'rich_reader'});
$src->safe_psql('kinds', q{COMMENT ON DATABASE kinds IS 'the kinds corpus, it''s ours';
  ALTER DATABASE kinds SET search_path = "$user", public, "Odd, one"; ALTER DATABASE kinds SET work_mem = '5MB';
  ALTER ROLE rich_reader IN DATABASE kinds SET statement_timeout = '1min';
  ALTER DATABASE kinds CONNECTION LIMIT 50; ALTER DATABASE kinds OWNER TO rich_owner;
  REVOKE TEMPORARY ON DATABASE kinds FROM PUBLIC; GRANT CREATE, CONNECT ON DATABASE kinds TO rich_reader;
  GRANT CREATE ON DATABASE kinds TO "Rich Writer" WITH GRANT OPTION;});
# (the privileges sorted: the same grants may list in another order)
my $props_sql = q{SELECT pg_get_userbyid(datdba) || ' ' || datconnlimit || ' '
  || (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(datacl) a) || ' '
  || shobj_description(oid, 'pg_database') || ' ' || (SELECT string_agg(coalesce(r.rolname, '-') || ':'
  || array_to_string(setconfig, '|'), ';' ORDER BY r.rolname NULLS FIRST) FROM pg_db_role_setting s
  LEFT JOIN pg_roles r ON r.oid = s.setrole WHERE setdatabase = d.oid) FROM pg_database d WHERE datname = };
mirror_ok('kinds', 'kinds_created', ', 2, create_database => true', $ref{kinds}, 'kinds: create_database');
my $src_props = $src->safe_psql('postgres', $props_sql . q{'kinds'});
like($src_props, qr/^rich_owner 50 .*rich_reader=Cc\/rich_owner.* the kinds corpus, it's ours -:search_path=.*Odd, one.*;rich_reader:statement_timeout=1min$/,
    'the source database\'s properties are set');
is($dst->safe_psql('postgres', $props_sql . q{'kinds_created'}), $src_props,
    'create_database: owner, connection limit, privileges, comment and settings as the source\'s');
($ret, $out, $err) = mirror('kinds', 'kinds_noprops', ', 2, create_database => true, no_owner => true, no_privileges => true, no_comments => true');
is($ret, 0, 'create_database with no_owner, no_privileges, no_comments: pd_mirror succeeds') or diag($err);
is($dst->safe_psql('postgres', q{SELECT pg_get_userbyid(datdba) = current_user AND datacl IS NULL
  AND shobj_description(oid, 'pg_database') IS NULL FROM pg_database WHERE datname = 'kinds_noprops'}), 't',
    'create_database: no_owner, no_privileges, no_comments leave them out');
is($dst->safe_psql('postgres', q{SELECT pg_encoding_to_char(encoding) || ' ' || datcollate FROM pg_database
  WHERE datname = 'kinds_created'}), $src->safe_psql('postgres', q{SELECT pg_encoding_to_char(encoding) || ' ' ||
  datcollate FROM pg_database WHERE datname = 'kinds'}), 'create_database: the source\'s encoding and locale');


# --- one big table split across workers: each block range a COPY of its own ------------
# (parallel_dump.dump_split_size is set small, so that a few MB are "big"; bigb's
# columns are built in (binary COPY), bigt's enum goes as text.  With jobs 3 both
# are cut; with 2 only one table can exceed a worker's share, so split2 holds bigb
# alone: then no whole table is bigger than a piece, and the first pieces handed
# out go to different workers, on any machine.)
$src->safe_psql('postgres', 'CREATE DATABASE split');
$src->safe_psql('split', q{CREATE EXTENSION parallel_dump; CREATE TYPE colour AS ENUM ('red', 'green');
  CREATE TABLE bigb (id int PRIMARY KEY, pad text, n numeric);
  INSERT INTO bigb SELECT g, repeat(md5(g::text), 2), g / 7.0 FROM generate_series(1, 30000) g;
  CREATE TABLE bigt (id int, c colour, pad text);
  INSERT INTO bigt SELECT g, CASE WHEN g % 2 = 0 THEN 'red' ELSE 'green' END::colour, repeat(md5(g::text), 2)
    FROM generate_series(1, 20000) g;
  CREATE INDEX bigt_id ON bigt (id); ALTER TABLE bigt ADD CONSTRAINT bigt_ref FOREIGN KEY (id) REFERENCES bigb;
  CREATE TABLE small AS SELECT g FROM generate_series(1, 10) g; VACUUM ANALYZE;});
$src->safe_psql('postgres', 'CREATE DATABASE split2 TEMPLATE split');
$src->safe_psql('split2', 'DROP TABLE bigt; DROP TYPE colour;');
my %rows_sql = map { $_ => q{SELECT string_agg(t, ',' ORDER BY t) FROM (
  SELECT 'bigb ' || count(*) || ' ' || md5(string_agg(b::text, ',' ORDER BY id)) AS t FROM bigb b}
  . ($_ eq 'split' ? q{ UNION ALL SELECT 'bigt ' || count(*) || ' ' || md5(string_agg(b::text, ',' ORDER BY id)) FROM bigt b} : '')
  . q{ UNION ALL SELECT 'small ' || count(*) || ' ' || sum(g) FROM small) s} } ('split', 'split2');
for my $run ([ 'split2', 2, '2|30010', ['bigb'] ], [ 'split', 3, '3|50010', [ 'bigb', 'bigt' ] ]) {
    my ($db, $jobs, $counts, $tables) = @$run;
    $dst->safe_psql('postgres', "CREATE DATABASE ${db}_m$jobs TEMPLATE template0");
    my $conn = $dst->connstr("${db}_m$jobs");
    my ($sret, $sout, $serr) = $src->psql($db, "SET parallel_dump.dump_split_size = '256kB';
      SET client_min_messages = debug1; SELECT tables_copied, rows_copied FROM pd_mirror(\$c\$$conn\$c\$, $jobs)");
    is($sret, 0, "$db, jobs $jobs: pd_mirror succeeds") or diag($serr);
    is($sout, $counts, "$db, jobs $jobs: each table counted once, each row once");
    for my $table (@$tables) {
        my ($pieces) = $serr =~ /table public\.$table is read in (\d+) pieces/;
        cmp_ok($pieces // 0, '>=', 2, "$db, jobs $jobs: $table is cut in pieces");
    }
    my %workers = map { $_ => 1 } ($serr =~ /pd_mirror: worker (\d+) copies public\.big\w, piece \d+/g);
    cmp_ok(scalar(keys %workers), '>=', 2, "$db, jobs $jobs: several workers copy pieces");
    is($dst->safe_psql("${db}_m$jobs", $rows_sql{$db}), $src->safe_psql($db, $rows_sql{$db}),
        "$db, jobs $jobs: the same rows, each once");
    same_text(schema_of($dst, "${db}_m$jobs"), schema_of($src, $db), "$db, jobs $jobs: the same schema");
}


# --- one snapshot: under a pgbench write load the balances agree on the target ----------
$src->safe_psql('postgres', 'CREATE DATABASE pgb');
$src->command_ok([ 'pgbench', '-i', '-q', '-s', '2', 'pgb' ], 'pgbench -i');
$src->safe_psql('pgb', 'CREATE EXTENSION parallel_dump');
my $load = IPC::Run::start([ 'pgbench', '-n', '-T', '30', '-c', '2', '-h', $src->host, '-p', $src->port, 'pgb' ],
    '>', \my $load_out, '2>', \my $load_err);
ok(wait_for($src, 'pgb', 'SELECT count(*) > 50 FROM pgbench_history', 30), 'pgbench writes');
$dst->safe_psql('postgres', 'CREATE DATABASE pgb_copy TEMPLATE template0');
($ret, $out, $err) = mirror('pgb', 'pgb_copy', '');
is($ret, 0, 'mirror under write load') or diag($err);
$load->kill_kill;
is($dst->safe_psql('pgb_copy', q{SELECT (SELECT sum(abalance) FROM pgbench_accounts) = (SELECT sum(delta) FROM pgbench_history)
  AND (SELECT sum(bbalance) FROM pgbench_branches) = (SELECT sum(delta) FROM pgbench_history)
  AND (SELECT sum(tbalance) FROM pgbench_tellers) = (SELECT sum(delta) FROM pgbench_history)
  AND (SELECT count(*) FROM pgbench_history) > 0}), 't', 'the balances agree with the history on the target');

# --- the target must be empty; nothing is touched otherwise -------------------------
$dst->safe_psql('postgres', 'CREATE DATABASE busy TEMPLATE template0');
$dst->safe_psql('busy', 'CREATE TABLE mine (x int)');
($ret, $out, $err) = mirror('rich', 'busy', '');
like($err, qr/the target database is not empty.*\n.*table mine/, 'a non-empty target is refused, naming an object');
is($dst->safe_psql('busy', q{SELECT string_agg(relname, ',') FROM pg_class WHERE oid >= 16384}), 'mine',
    'non-empty target: untouched');
($ret, $out, $err) = mirror('rich', 'busy', ', create_database => true');
like($err, qr/database "busy" already exists/, 'create_database refuses an existing database');
is($dst->safe_psql('postgres', q{SELECT count(*) FROM pg_database WHERE datname = 'busy'}), '1',
    'create_database: an existing database is not dropped');

# --- unreachable target -------------------------------------------------------------
my $t0 = time();
($ret, $out, $err) = $src->psql('rich', q{SELECT * FROM pd_mirror('host=127.0.0.1 port=1 dbname=x connect_timeout=5')});
like($err, qr/could not connect to the target server/, 'an unreachable target is an ERROR');
ok(time() - $t0 < 10, 'unreachable target: within seconds');

# --- passwords: dblink's rule, and never shown --------------------------------------
my $secret = 'Sekr1t-pw-4711';
$dst->safe_psql('postgres', qq{CREATE ROLE pw_user LOGIN PASSWORD '$secret';
  CREATE DATABASE pw_target OWNER pw_user TEMPLATE template0;
  CREATE DATABASE pw_target2 OWNER pw_user TEMPLATE template0;});
my $hba = $dst->data_dir . '/pg_hba.conf';
my $hba_text = PostgreSQL::Test::Utils::slurp_file($hba);
open(my $fh, '>', $hba) or die;
print $fh "local all pw_user scram-sha-256\n$hba_text";
close $fh;
$dst->reload;
$src->safe_psql('postgres', q{CREATE ROLE caller LOGIN; CREATE DATABASE small OWNER caller});
$src->safe_psql('small', q{CREATE EXTENSION parallel_dump; GRANT EXECUTE ON FUNCTION pd_mirror TO caller;});
$src->safe_psql('small', q{SET ROLE caller; CREATE SCHEMA app; CREATE TABLE app.t AS SELECT g FROM generate_series(1, 1000) g;});
sub as_caller {
    my ($conninfo, $args) = @_;
    return $src->psql('small', "SELECT tables_copied, rows_copied FROM pd_mirror(\$c\$$conninfo\$c\$, 2, schemas => '{app}', no_owner => true$args)",
        extra_params => [ '-U', 'caller' ]);
}
my $host = $dst->host;
my $port = $dst->port;
($ret, $out, $err) = as_caller("host=$host port=$port dbname=pw_target user=pw_user", '');
like($err, qr/password is required/, 'non-superuser: a password must be given');
($ret, $out, $err) = as_caller("host=$host port=$port dbname=pw_target password=$secret", '');
like($err, qr/password is required.*\n.*does not request a password/, 'non-superuser: and the target must have used it');
unlike($err, qr/\Q$secret\E/, 'the password is not in that message');
($ret, $out, $err) = as_caller("host=$host port=$port dbname=pw_target user=pw_user password=wrong-$secret", '');
like($err, qr/could not connect to the target server.*\n.*password authentication failed/, 'a wrong password is an ERROR');
unlike($err, qr/\Q$secret\E/, 'the password is not in that message');
($ret, $out, $err) = as_caller("host=$host port=$port dbname=pw_target user=pw_user password=$secret", '');
is($out, '1|1000', 'non-superuser with a password the target used: copied') or diag($err);
is($dst->safe_psql('pw_target', 'SELECT sum(g) FROM app.t'), '500500', 'non-superuser: the rows are there');
is($src->safe_psql('small', 'SELECT has_function_privilege(\'public\', \'pd_mirror(text, integer, boolean, text[], text[], text[], text[], text[], boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean)\', \'EXECUTE\')'),
    'f', 'EXECUTE is revoked from PUBLIC');
# while it runs (here: waiting for a lock), pg_stat_activity shows the connection string masked
my $locker = $src->background_psql('small', on_error_stop => 0);
$locker->query_safe('BEGIN; LOCK TABLE app.t IN ACCESS EXCLUSIVE MODE');
my $bg = $src->background_psql('small', on_error_stop => 0, extra_params => [ '-U', 'caller' ]);
$bg->query_until(qr/go/, "\\echo go\nSELECT tables_copied FROM pd_mirror(\$c\$host=$host port=$port dbname=pw_target2 user=pw_user password=$secret\$c\$, 2, schemas => '{app}', no_owner => true);\n");
ok(wait_for($src, 'postgres', q{SELECT count(*) > 0 FROM pg_stat_activity WHERE query LIKE '%pd_mirror%********%'
  AND wait_event_type = 'Lock'}), 'pg_stat_activity shows the masked connection string');
my $terces = reverse $secret; # (this query must not hold the password itself)
is($src->safe_psql('postgres', qq{SELECT count(*) FROM pg_stat_activity WHERE strpos(query, reverse('$terces')) > 0}), '0',
    'and never the password');
$locker->query_safe('COMMIT');
my ($res) = $bg->query('SELECT 1');
$bg->quit;
$locker->quit;
is($dst->safe_psql('pw_target2', 'SELECT count(*) FROM app.t'), '1000', 'the waiting copy then completes');

# --- faults mid-copy: a big table keeps the workers busy for a while -----------------
$src->safe_psql('postgres', 'CREATE DATABASE bigdb');
$src->safe_psql('bigdb', q{CREATE EXTENSION parallel_dump;
  CREATE TABLE big1 AS SELECT g AS id, repeat(md5(g::text), 4) AS pad FROM generate_series(1, 1000000) g;
  CREATE TABLE big2 AS SELECT * FROM big1; CREATE INDEX ON big1 (id);});
my $workers_sql = q{SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'parallel_dump mirror worker'};
my $copying_sql = q{SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'pd_mirror' AND query LIKE 'COPY%'};

sub nothing_left {
    my ($what, $db) = @_;
    ok(wait_for($src, 'postgres', "SELECT ($workers_sql) = 0", 10), "$what: no worker left on the source");
    ok(wait_for($dst, 'postgres', q{SELECT count(*) = 0 FROM pg_stat_activity WHERE application_name = 'pd_mirror'}, 10),
        "$what: no session left on the target");
    is($dst->safe_psql('postgres', "SELECT count(*) FROM pg_database WHERE datname = '$db'"), '0',
        "$what: the created database is dropped") if $db;
}

my $leader = $src->background_psql('bigdb', on_error_stop => 0);
my $pid = $leader->query_safe('SELECT pg_backend_pid()');
sub start_mirror {
    my ($target, $args) = @_;
    my $conn = $dst->connstr($target);
    $leader->{stderr} = '';
    $leader->query_until(qr/go/, "\\echo go\nSELECT * FROM pd_mirror(\$c\$$conn\$c\$, 2$args);\n");
    return wait_for($dst, 'postgres', $copying_sql, 60);
}

ok(start_mirror('cancelled', ', create_database => true'), 'cancel: the workers copy');
ok(wait_for($src, 'postgres', q{SELECT count(*) > 0 FROM pg_stat_activity
  WHERE backend_type = 'parallel_dump mirror worker' AND query LIKE 'pd_mirror: COPY public.big%'}),
    'workers show in pg_stat_activity with the table they copy');
$t0 = time();
$src->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
$leader->query('SELECT 1');
like($leader->{stderr}, qr/canceling statement due to user request/, 'cancel reaches the caller');
ok(time() - $t0 < 10, 'cancel: within seconds');
nothing_left('cancel', 'cancelled');

$dst->safe_psql('postgres', 'CREATE DATABASE timed_out TEMPLATE template0');
# (a timeout well below the copy's time, on any machine: 2M rows and an index)
$leader->{stderr} = '';
$leader->query("SET statement_timeout = '300ms'");
$t0 = time();
$leader->query("SELECT * FROM pd_mirror(\$c\$" . $dst->connstr('timed_out') . "\$c\$, 2)");
like($leader->{stderr}, qr/canceling statement due to statement timeout/, 'statement_timeout ends the mirror');
ok(time() - $t0 < 10, 'statement_timeout: within seconds');
nothing_left('statement_timeout');
$leader->query('RESET statement_timeout');

ok(start_mirror('killed', ', create_database => true'), 'target killed: the workers copy');
$t0 = time();
$dst->stop('immediate');
$leader->query('SELECT 1');
like($leader->{stderr}, qr/ERROR:  pd_mirror: .* on the target failed/, 'the target\'s death is an ERROR');
like($leader->{stderr}, qr/ERROR:  pd_mirror: (COPY of public\.big\d|.*) on the target failed: .*\n(.*\n)*CONTEXT:  parallel_dump mirror worker \d/,
    'naming what failed and which worker');
like($leader->{stderr}, qr/WARNING:  pd_mirror could not drop the database "killed"/, 'the database it created could not be dropped: a WARNING');
unlike($leader->{stderr}, qr/TRAP|server process .* terminated/, 'the source survives');
ok(time() - $t0 < 15, 'target killed: within seconds');
ok(wait_for($src, 'postgres', "SELECT ($workers_sql) = 0", 10), 'target killed: no worker left on the source');
$dst->start;
$leader->quit;

# --- a full disk on the target: a tablespace on a small file system (scripts/test.sh
# mounts one as root and sets PD_SMALL_FS; the tests themselves cannot mount) ---------
SKIP: {
    my $fs = $ENV{PD_SMALL_FS} // '';
    my $why = $fs eq '' ? 'PD_SMALL_FS is not set (scripts/test.sh mounts a small file system for this case)'
            : !(-d $fs && -w $fs) ? "PD_SMALL_FS=$fs is not a writable directory" : '';
    if ($why) {
        diag("full disk case skipped: $why");
        skip("full disk: $why", 8);
    }
    my $src_ts = PostgreSQL::Test::Utils::tempdir();
    my $dst_ts = "$fs/t020_$$";
    mkdir($dst_ts) or die "mkdir $dst_ts: $!";
    $src->safe_psql('postgres', "CREATE TABLESPACE small LOCATION '$src_ts'");
    $dst->safe_psql('postgres', "CREATE TABLESPACE small LOCATION '$dst_ts'");
    $src->safe_psql('postgres', 'CREATE DATABASE fulldb');
    # about 45 MB of rows for a file system of 24 MB
    $src->safe_psql('fulldb', q{CREATE EXTENSION parallel_dump;
      CREATE TABLE filler (id int, pad text) TABLESPACE small;
      INSERT INTO filler SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 250000) g;
      CREATE TABLE other AS SELECT g FROM generate_series(1, 1000) g;});
    $t0 = time();
    ($ret, $out, $err) = $src->psql('fulldb',
        "SELECT * FROM pd_mirror(\$c\$" . $dst->connstr('full_copy') . "\$c\$, 2, create_database => true)");
    isnt($ret, 0, 'full disk: pd_mirror fails');
    like($err, qr/ERROR:  pd_mirror: COPY of public\.filler on the target failed: .*No space left on device/,
        'full disk: the ERROR names the table and what failed') or diag($err);
    like($err, qr/CONTEXT:  target host=\S+ port=\d+ dbname=full_copy/, 'full disk: and the target');
    ok(time() - $t0 < 60, 'full disk: within seconds');
    nothing_left('full disk', 'full_copy');
    is($dst->safe_psql('postgres', q{CREATE TABLE refill (x text) TABLESPACE small;
      INSERT INTO refill SELECT repeat('x', 1000) FROM generate_series(1, 5000); SELECT count(*) FROM refill;
      DROP TABLE refill; DROP TABLESPACE small;}), '5000', 'full disk: the tablespace is usable again');
    $src->safe_psql('postgres', 'DROP DATABASE fulldb; DROP TABLESPACE small;');
    rmdir($dst_ts);
}

# the password never appears in a log line the extension wrote (the statement itself is the caller's)
my @lines = grep { /\Q$secret\E/ && !/STATEMENT:|LOG:  statement:/ } split /\n/, PostgreSQL::Test::Utils::slurp_file($src->logfile);
is(scalar(@lines), 0, 'the password is in no log line of the source but the caller\'s statement') or diag($lines[0]);

done_testing();
