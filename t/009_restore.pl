# pd_restore: our archives and pg_dump's, restored inside the server into
# another database, give the same database as the source; options as
# pg_restore's; damaged or hostile archives end in an ERROR, never a crash.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('restore', "wal_level = logical\n");
load_rich($node, 'rich');
load_corpus($node, 'parts', 'partition_schema.sql');
load_corpus($node, 'kinds', 'more_kinds.sql');
load_corpus($node, 'edge', 'edge_kinds.sql');
$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump'); # restores are run from here

sub pd_restore_ok {
    my ($src, $dir, $target, $args, $what) = @_;
    $node->safe_psql('postgres', "DROP DATABASE IF EXISTS $target");
    $node->safe_psql('postgres', "CREATE DATABASE $target");
    my ($ret, $out, $err) = $node->psql('postgres', "SELECT restored, failed FROM pd_restore('$dir', '$target'$args)");
    is($ret, 0, "$what: pd_restore succeeds") or diag($err);
    like($out, qr/^\d+\|0$/, "$what: no entry failed ($out)");
    same_text(schema_of($node, $target), schema_of($node, $src), "$what: same schema");
    same_text(data_of($node, $target), data_of($node, $src), "$what: same rows, sequences and large objects");
}

for my $db ('rich', 'parts', 'kinds', 'edge') {
    my $dir = archive_dir("pd_$db");
    $node->safe_psql($db, "SELECT pd_dump('$dir', 2)");
    pd_restore_ok($db, $dir, "${db}_r2", ', 2', "$db: pd_dump -> pd_restore jobs 2");
}
# rows of tables the restore created are loaded frozen (TRUNCATE + COPY FREEZE)
$node->safe_psql('rich_r2', 'CREATE EXTENSION pageinspect');
is($node->safe_psql('rich_r2', q{SELECT bool_and((t_infomask & 768) = 768)
  FROM heap_page_items(get_raw_page('shop.customer', 0))}), 't', 'restored rows are frozen');

my $dir = archive_dir('pd_rich_j4');
$node->safe_psql('rich', "SELECT pd_dump('$dir', 4, 0)");
pd_restore_ok('rich', $dir, 'rich_r1', ', 1', 'rich: uncompressed, jobs 1');
pd_restore_ok('rich', $dir, 'rich_r4', ', 4', 'rich: jobs 4');

for my $z ('-Z0', '-Z6') {
    my $pgdir = archive_dir("pg_dump_$z");
    command_ok([ 'pg_dump', '-Fd', $z, '-f', $pgdir, '-d', $node->connstr('kinds') ], "pg_dump $z");
    pd_restore_ok('kinds', $pgdir, lc("kinds_pg$z" =~ s/-//r), ', 2', "pg_dump $z -> pd_restore");
}

# --- options, compared with pg_restore's ---------------------------------------
my $archive = archive_dir('options');
$node->safe_psql('rich', "SELECT pd_dump('$archive', 2)");
sub same_as_pg_restore {
    my ($what, $pd_args, $pg_opts, $pre) = @_;
    for my $t ('opt_pd', 'opt_pg') {
        $node->safe_psql('postgres', "DROP DATABASE IF EXISTS $t");
        $node->safe_psql('postgres', "CREATE DATABASE $t");
        $node->safe_psql($t, $pre) if $pre;
    }
    my ($ret, $out, $err) = $node->psql('postgres', "SELECT * FROM pd_restore('$archive', 'opt_pd'$pd_args)");
    run_command([ 'pg_restore', @$pg_opts, '-d', $node->connstr('opt_pg'), $archive ]);
    same_text(schema_of($node, 'opt_pd'), schema_of($node, 'opt_pg'), "$what: schema as pg_restore's");
    same_text(data_of($node, 'opt_pd'), data_of($node, 'opt_pg'), "$what: data as pg_restore's");
}
my $prelude = 'CREATE EXTENSION pgcrypto; CREATE EXTENSION citext; CREATE EXTENSION btree_gist;';
same_as_pg_restore('schema_only', ', schema_only => true', ['-s']);
same_as_pg_restore('no_owner', ', no_owner => true', ['-O']);
same_as_pg_restore('no_privileges', ', no_privileges => true', ['-x']);
same_as_pg_restore('schemas', q{, schemas => '{shop}'}, [ '-n', 'shop' ], "$prelude CREATE SCHEMA shop;");
same_as_pg_restore('tables', q{, tables => '{stock, cache}'}, [ '-t', 'stock', '-t', 'cache' ],
    'CREATE SCHEMA shop;');
my $schema_sql = "$prelude " . (slurp_data('rich_schema.sql') =~ s/^(INSERT|SELECT|REFRESH|UPDATE).*?;$//gmsr)
  =~ s/CREATE EXTENSION[^;]*;//gr;
# pg_restore -a loads the tables in archive order, so a deferred foreign key can
# fail at commit; pd_restore loads the largest first: compare with the source
$node->safe_psql('postgres', 'DROP DATABASE IF EXISTS data_only');
$node->safe_psql('postgres', 'CREATE DATABASE data_only');
$node->safe_psql('data_only', $schema_sql);
my ($dret, $dout, $derr) = $node->psql('postgres', "SELECT failed FROM pd_restore('$archive', 'data_only', data_only => true)");
is($dout, '0', 'data_only into an existing schema') or diag($derr);
same_text(data_of($node, 'data_only'), data_of($node, 'rich'), 'data_only: the rows of the source');

# clean: restoring twice into the same database, with and without if_exists
my ($ret, $out, $err) = $node->psql('postgres', "SELECT failed FROM pd_restore('$archive', 'opt_pd', clean => true, if_exists => true)");
is($out, '0', 'clean + if_exists over an earlier restore: nothing failed') or diag($err);
same_text(data_of($node, 'opt_pd'), data_of($node, 'rich'), 'clean: the database is the archive again');

# exit_on_error: stop at the first error, naming the entry; or go on and count
$node->safe_psql('postgres', 'DROP DATABASE IF EXISTS clash');
$node->safe_psql('postgres', 'CREATE DATABASE clash');
$node->safe_psql('clash', 'CREATE SCHEMA shop; CREATE TABLE shop.cache (k int)');
($ret, $out, $err) = $node->psql('postgres', "SELECT * FROM pd_restore('$archive', 'clash')");
like($err, qr/ERROR:  .* already exists/, 'exit_on_error: the first error stops the restore');
like($err, qr/restoring TOC entry \d+; SCHEMA shop/, 'and names the TOC entry');
$node->safe_psql('postgres', 'DROP DATABASE clash');
$node->safe_psql('postgres', 'CREATE DATABASE clash');
$node->safe_psql('clash', 'CREATE SCHEMA shop; CREATE TABLE shop.cache (k int)');
($ret, $out, $err) = $node->psql('postgres', "SELECT failed > 0 FROM pd_restore('$archive', 'clash', exit_on_error => false)");
is($out, 't', 'without exit_on_error the restore goes on and counts failures');
like($err, qr/WARNING:  could not restore TOC entry/, 'each failure is a WARNING');

# --- arguments and privileges ---------------------------------------------------
($ret, $out, $err) = $node->psql('postgres', "SELECT * FROM pd_restore('$archive', 'no_such_db')");
like($err, qr/database "no_such_db" does not exist/, 'missing target database');
($ret, $out, $err) = $node->psql('postgres', "SELECT * FROM pd_restore('relative', 'clash')");
like($err, qr/relative path not allowed/, 'relative path');
($ret, $out, $err) = $node->psql('postgres', "SELECT * FROM pd_restore('$archive', 'clash', 0)");
like($err, qr/invalid number of parallel jobs/, 'jobs 0');
$node->safe_psql('postgres', q{CREATE ROLE reader LOGIN IN ROLE pg_read_server_files;
  GRANT EXECUTE ON FUNCTION pd_restore TO reader; REVOKE CONNECT ON DATABASE clash FROM PUBLIC});
($ret, $out, $err) = $node->psql('postgres', "SELECT * FROM pd_restore('$archive', 'clash')",
    connstr => $node->connstr('postgres') . ' user=reader');
like($err, qr/permission denied for database clash/, 'CONNECT and CREATE on the target are required');

# --- cancel: statement_timeout stops the restore and every worker ---------------
$node->safe_psql('rich', 'CREATE TABLE big AS SELECT g AS id, repeat(md5(g::text), 8) AS pad FROM generate_series(1, 800000) g');
my $big = archive_dir('big');
$node->safe_psql('rich', "SELECT pd_dump('$big', 2, 0)");
$node->safe_psql('postgres', 'DROP DATABASE IF EXISTS slow');
$node->safe_psql('postgres', 'CREATE DATABASE slow');
($ret, $out, $err) = $node->psql('postgres', "SET statement_timeout = '300ms'; SELECT * FROM pd_restore('$big', 'slow', 2)");
like($err, qr/canceling statement due to statement timeout/, 'statement_timeout ends pd_restore');
ok(wait_for($node, 'postgres', q{SELECT count(*) = 0 FROM pg_stat_activity
   WHERE backend_type = 'parallel_dump restore worker'}, 10), 'no restore worker left behind');

# --- hostile archives ------------------------------------------------------------
my $bad = archive_dir('bad');
system("cp -r '$archive' '$bad'") == 0 or die;
my $toc = slurp_file("$archive/toc.dat");
my @cases;
push @cases, [ 'truncated', substr($toc, 0, int(length($toc) * 0.7)) ];
push @cases, [ 'garbage', 'PGDMP garbage' ];
(my $escape = $toc) =~ s/(\d+)\.dat/..\/..\/x/;
push @cases, [ 'file name with ..', $escape ];
srand(7);
for my $i (1 .. 40) {
    my $m = $toc;
    substr($m, int(rand(length($m))), 1) = chr(int(rand(256))) for 1 .. 3;
    push @cases, [ "flipped $i", $m ];
}
my ($errors, $ok) = (0, 0);
for my $c (@cases) {
    open(my $fh, '>:raw', "$bad/toc.dat") or die;
    print $fh $c->[1];
    close $fh;
    $node->safe_psql('postgres', 'DROP DATABASE IF EXISTS fuzz');
    $node->safe_psql('postgres', 'CREATE DATABASE fuzz');
    my ($r, $o, $e) = $node->psql('postgres', "SELECT * FROM pd_restore('$bad', 'fuzz', exit_on_error => false)",
        timeout => 120);
    if ($r == 0) { $ok++ } elsif ($e =~ /ERROR/) { $errors++ } else { diag("$c->[0]: $e") }
}
is($errors + $ok, scalar(@cases), "every damaged archive ended in an ERROR ($errors) or a restore ($ok)");
# (archive SQL runs with the caller's rights, as pg_restore's: see t/012)
# a data file of garbage, a gzip stream cut short, and a row with a column too many
open(my $fh, '>:raw', "$bad/toc.dat") or die;
print $fh $toc;
close $fh;
opendir(my $dh, $bad) or die;
my @gz = grep { /^\d+\.dat\.gz$/ } readdir($dh);
closedir($dh);
for my $f (@gz[0 .. 1]) {
    open(my $out, '>:raw', "$bad/$f") or die;
    print $out "\x1f\x8b\x08\x00garbage";
    close $out;
}
$node->safe_psql('postgres', 'DROP DATABASE IF EXISTS fuzz');
$node->safe_psql('postgres', 'CREATE DATABASE fuzz');
($ret, $out, $err) = $node->psql('postgres', "SELECT * FROM pd_restore('$bad', 'fuzz')");
like($err, qr/could not uncompress data file|invalid/, 'corrupt data is an ERROR');
ok(!-e "$bad/../../x", 'nothing written outside the archive');
is($node->safe_psql('postgres', 'SELECT 1'), '1', 'the server is still up');

# --- one table loaded by several workers at once --------------------------------
# A table with most of the data is cut into pieces (gzip members of pd_dump's
# files, byte ranges of plain files; rows of every length, some far longer
# than a piece's edge region), each loaded by a worker; the rows must all
# arrive exactly once.
$node->safe_psql('postgres', 'CREATE DATABASE pieces');
$node->safe_psql('pieces', q{
  CREATE TABLE big (id int PRIMARY KEY, t text, n numeric);
  INSERT INTO big SELECT g, repeat(md5(g::text), 1 + (g % 7) * (g % 5)), g * 1.5 FROM generate_series(1, 30000) g;
  INSERT INTO big SELECT 100000 + g, repeat('long' || g, 60000), g FROM generate_series(1, 8) g;
  INSERT INTO big VALUES (200000, E'tab\there\nnewline \\ backslash', NULL);
  CREATE TABLE small AS SELECT g FROM generate_series(1, 100) g;
  CREATE INDEX ON big (n);
  CREATE EXTENSION parallel_dump});
# pieces land in the heap side by side: compare the rows in key order
my $rows_sql = q{SELECT count(*) || ' ' || md5(string_agg(big::text, E'\n' ORDER BY id)) FROM big};
my $big_data = $node->safe_psql('pieces', $rows_sql);
my $pieces_gz = archive_dir('pieces_gz');
my $pieces_plain = archive_dir('pieces_plain');
my $pieces_pg = archive_dir('pieces_pg');
$node->safe_psql('pieces', "SELECT pd_dump('$pieces_gz', 2)");
$node->safe_psql('pieces', "SELECT pd_dump('$pieces_plain', 2, 0)");
command_ok([ 'pg_dump', '-Fd', '-Z0', '-f', $pieces_pg, '-d', $node->connstr('pieces') ], 'pg_dump -Z0 of the big table');
sub pieces_restore {
    my ($dir, $target, $settings, $args, $jobs) = @_;
    $jobs //= 2;
    $node->safe_psql('postgres', "DROP DATABASE IF EXISTS $target");
    $node->safe_psql('postgres', "CREATE DATABASE $target");
    return $node->psql('postgres', "SET client_min_messages = debug1; $settings
      SELECT restored, failed FROM pd_restore('$dir', '$target', $jobs$args)");
}
for my $case ([ $pieces_gz, 'gzip members' ], [ $pieces_plain, 'plain file' ], [ $pieces_pg, "pg_dump's plain file" ]) {
    my ($dir, $what) = @$case;
    my ($r, $o, $e) = pieces_restore($dir, 'pieces_r', "SET parallel_dump.restore_split_size = '256kB';", '');
    is($r, 0, "$what: restored") or diag($e);
    like($e, qr/TOC entry \d+ loaded in [2-9] pieces/, "$what: the big table was loaded in pieces");
    is($node->safe_psql('pieces_r', $rows_sql), $big_data, "$what: every row exactly once");
    like($big_data, qr/^30009 /, 'all rows compared');
    same_text(schema_of($node, 'pieces_r'), schema_of($node, 'pieces'), "$what: same schema");
}
# pg_dump's gzip files are one stream: cut in ranges of uncompressed offsets,
# each worker inflating from the start and loading the rows that begin in its
# range (2 pieces for 2 workers; 4 for 4 with a tiny restore_split_size)
my $pg_gz = archive_dir('pieces_pg_gz');
command_ok([ 'pg_dump', '-Fd', '-f', $pg_gz, '-d', $node->connstr('pieces') ], 'pg_dump -Fd (gzip) of the big table');
{
    my @gz = glob("$pg_gz/[0-9]*.dat.gz");
    my @plain = glob("$pg_gz/[0-9]*.dat");
    ok(@gz && !@plain, "pg_dump's data files are gzip");
}
for my $case ([ '256kB', 2, qr/[2-9]/ ], [ '64kB', 4, qr/4/ ]) {
    my ($size, $jobs, $count) = @$case;
    my ($r, $o, $e) = pieces_restore($pg_gz, 'pieces_s', "SET parallel_dump.restore_split_size = '$size';", '', $jobs);
    is($r, 0, "pg_dump's gzip, $jobs workers: restored") or diag($e);
    like($e, qr/TOC entry \d+ loaded in $count pieces/, "pg_dump's gzip, $jobs workers: the one-stream file loaded in pieces");
    is($node->safe_psql('pieces_s', $rows_sql), $big_data, "pg_dump's gzip, $jobs workers: every row exactly once");
}
# without exit_on_error a piece's failure could leave a table half loaded, so
# tables stay whole; so they do with the setting at 0
for my $case ([ $pg_gz, '', ', exit_on_error => false', "pg_dump's gzip, exit_on_error off" ],
    [ $pieces_gz, '', ', exit_on_error => false', 'exit_on_error off' ],
    [ $pieces_gz, "RESET parallel_dump.restore_split_size;", '', 'the default setting' ]) {
    my ($dir, $set, $args, $what) = @$case;
    my ($r, $o, $e) = pieces_restore($dir, 'pieces_w', "SET parallel_dump.restore_split_size = '256kB'; $set", $args);
    is($r, 0, "$what: restored") or diag($e);
    unlike($e, qr/loaded in \d+ pieces/, "$what: the table stays whole");
    is($node->safe_psql('pieces_w', $rows_sql), $big_data, "$what: same rows");
}
# How pieces are ranked: each piece of a table as the whole table, so that all
# of them start at once ahead of a smaller table (mid: more than half of big,
# less than big; ranked by its own bytes a piece came after it, and one worker
# loaded big's pieces one after the other); and an empty table's one-stream
# file (25 bytes, ISIZE 0) is not taken for 4 GB (which had it cut in pieces
# and ranked first, and the real big table loaded whole).
$node->safe_psql('postgres', 'CREATE DATABASE ranks');
$node->safe_psql('ranks', q{
  CREATE TABLE big (id int PRIMARY KEY, t text);
  INSERT INTO big SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 120000) g;
  CREATE TABLE mid (id int PRIMARY KEY, t text);
  INSERT INTO mid SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 84000) g;
  CREATE TABLE empty (id int);
  CREATE EXTENSION parallel_dump});
my $ranks_sql = q{SELECT (SELECT count(*) || ' ' || md5(string_agg(big::text, ',' ORDER BY id)) FROM big) ||
  (SELECT count(*) || ' ' || md5(string_agg(mid::text, ',' ORDER BY id)) FROM mid)};
my $ranks_data = $node->safe_psql('ranks', $ranks_sql);
my $ranks_pd = archive_dir('ranks_pd');
my $ranks_pg = archive_dir('ranks_pg');
$node->safe_psql('ranks', "SELECT pd_dump('$ranks_pd', 2)");
command_ok([ 'pg_dump', '-Fd', '-f', $ranks_pg, '-d', $node->connstr('ranks') ], 'pg_dump -Fd (gzip) of big, mid and empty');
for my $case ([ $ranks_pd, "pd_dump's archive" ], [ $ranks_pg, "pg_dump's archive" ]) {
    my ($dir, $what) = @$case;
    my %id = map { (split /\|/)[0, 1] }
      split /\n/, $node->safe_psql('ranks', "SELECT name, dump_id FROM pd_list('$dir') WHERE kind = 'TABLE DATA'");
    my ($r, $o, $e) = pieces_restore($dir, 'ranks_r',
        "SET parallel_dump.restore_split_size = '256kB'; SET client_min_messages = debug2;", '');
    is($r, 0, "ranks, $what: restored") or diag($e);
    like($e, qr/TOC entry $id{big} loaded in 2 pieces/, "ranks, $what: big is loaded in 2 pieces");
    unlike($e, qr/TOC entry (?:$id{mid}|$id{empty}) loaded in/, "ranks, $what: mid and empty are loaded whole");
    my (@piece_starts, $mid_start);
    while ($e =~ /pd_restore timeline: worker \d+ ([\d.]+)-[\d.]+ s \([\d.]+ s\) TOC entry (\d+) TABLE DATA/g) {
        push @piece_starts, $1 if $2 == $id{big};
        $mid_start = $1 if $2 == $id{mid};
    }
    is(scalar(@piece_starts), 2, "ranks, $what: the timeline shows both pieces of big");
    ok(defined $mid_start && (sort { $b <=> $a } @piece_starts)[0] < $mid_start,
        "ranks, $what: both pieces of big start before mid (" . join(', ', @piece_starts) . ' / ' . ($mid_start // '-') . ')');
    is($node->safe_psql('ranks_r', $ranks_sql), $ranks_data, "ranks, $what: every row exactly once");
}

# with both <n>.dat and <n>.dat.gz present the plain file is read (as pg_restore
# does), and the pieces must be cut from that file, not from the gzip one
{
    my ($gz) = sort { -s $b <=> -s $a } glob("$pieces_gz/*.dat.gz");
    (my $plain = $gz) =~ s/\.gz$//;
    my ($other) = sort { -s $b <=> -s $a } glob("$pieces_plain/*.dat");
    PostgreSQL::Test::Utils::append_to_file($plain, slurp_file($other));
    my ($r, $o, $e) = pieces_restore($pieces_gz, 'pieces_both', "SET parallel_dump.restore_split_size = '256kB';", '');
    is($r, 0, 'plain and gzip data file side by side: restored') or diag($e);
    is($node->safe_psql('pieces_both', $rows_sql), $big_data, 'plain and gzip side by side: every row, from the plain file');
    unlink($plain);
}
# damaged member headers (sizes pointing elsewhere) end in an ERROR or a correct restore
my ($gz_file) = sort { -s $b <=> -s $a } glob("$pieces_gz/*.dat.gz");
ok(defined $gz_file, 'found the big table\'s data file');
my $pristine = slurp_file($gz_file);
my @members;
for (my $off = 0; $off + 20 <= length($pristine);) {
    push @members, $off;
    my $size = unpack('V', substr($pristine, $off + 16, 4));
    last if $size < 28;
    $off += $size;
}
cmp_ok(scalar(@members), '>', 2, 'the data file has several members (' . scalar(@members) . ')');
my ($bad_ok, $bad_err) = (0, 0);
for my $k (1 .. 12) {
    my $damaged = $pristine;
    my $m = $members[ $k % scalar(@members) ];
    my $size = unpack('V', substr($damaged, $m + 16, 4));
    my @forged = ($size + 1, $size - 1, 28, 0xFFFFFFFF, $size * 2, $size + 20);
    substr($damaged, $m + 16, 4) = pack('V', $forged[ $k % 6 ]);
    substr($damaged, $m + 12, 1) = 'X' if $k == 12;    # not our subfield: not split
    open(my $dfh, '>:raw', $gz_file) or die;
    print $dfh $damaged;
    close $dfh;
    my ($r, $o, $e) = pieces_restore($pieces_gz, 'pieces_bad', "SET parallel_dump.restore_split_size = '256kB';", '');
    if ($r == 0) {
        $bad_ok++ if $node->safe_psql('pieces_bad', $rows_sql) eq $big_data;
    } else {
        $bad_err++ if $e =~ /ERROR/;
    }
}
is($bad_ok + $bad_err, 12, "damaged member sizes: an ERROR ($bad_err) or the right rows ($bad_ok), nothing else");
# a forged header inside a member's compressed data: a piece would start in
# the middle of a member; the data is damaged there, so it must be an ERROR
{
    my $damaged = $pristine;
    my $m = $members[1];
    my $size = unpack('V', substr($damaged, $m + 16, 4));
    my $fake = substr($damaged, $m, 16) . pack('V', $size - 200);
    substr($damaged, $m + 16, 4) = pack('V', 200);
    substr($damaged, $m + 200, 20) = $fake;
    open(my $dfh, '>:raw', $gz_file) or die;
    print $dfh $damaged;
    close $dfh;
    my ($r, $o, $e) = pieces_restore($pieces_gz, 'pieces_bad', "SET parallel_dump.restore_split_size = '256kB';", '');
    isnt($r, 0, 'a piece starting inside a member fails');
    like($e, qr/could not uncompress data file/, 'with an ERROR about the data file');
}
open(my $pfh, '>:raw', $gz_file) or die;
print $pfh $pristine;
close $pfh;
is($node->safe_psql('postgres', 'SELECT 1'), '1', 'the server is still up after the damaged pieces');

$node->stop;
unlike(slurp_file($node->logfile), qr/terminated by signal/, 'no process crashed');
done_testing();
