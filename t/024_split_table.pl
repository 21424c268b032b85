# One big table (bigger than a piece, an eighth of a worker's share, even
# when under the share itself) read by several workers in block ranges,
# appended in order into its one data file: every row exactly once, in
# physical order (as a COPY of the table ordered by ctid), for tables with
# empty ranges, TOAST values, rows inserted and a VACUUM running while the
# dump runs; restored exactly by stock pg_restore -j 2 and by pd_restore;
# the manifest, hashed by the leader as the pieces join the file, matches
# it (pd_verify); the pieces shrink towards the table's end; and no piece's
# temporary file is left behind by a cancelled or failed dump.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use IO::Uncompress::Gunzip qw(gunzip $GunzipError);
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('split', "autovacuum = off\n");
$node->safe_psql('postgres', 'CREATE DATABASE split');
$node->safe_psql('split', q{
  CREATE EXTENSION parallel_dump;
  CREATE TABLE orders (id int, amount numeric(12,2), at timestamptz, doc jsonb, note text);
  INSERT INTO orders SELECT g, g * 0.37, '2026-01-01'::timestamptz + g * interval '1 minute',
      jsonb_build_object('k', g % 97, 'tags', jsonb_build_array(md5(g::text))), repeat(md5(g::text), 3)
    FROM generate_series(1, 60000) g;
  -- middle blocks emptied: ranges with no row at all
  CREATE TABLE holes AS SELECT g AS id, repeat(md5(g::text), 4) AS pad FROM generate_series(1, 40000) g;
  DELETE FROM holes WHERE id BETWEEN 8000 AND 30000;
  VACUUM holes;
  -- values stored out of line, uncompressed
  CREATE TABLE toasty (id int, big text);
  ALTER TABLE toasty ALTER big SET STORAGE EXTERNAL;
  INSERT INTO toasty SELECT g, (SELECT string_agg(md5(g::text || h::text), '') FROM generate_series(1, 200) h)
    FROM generate_series(1, 3000) g;
  INSERT INTO toasty SELECT g, 'short ' || g FROM generate_series(3001, 8000) g;
  CREATE TABLE small AS SELECT 1 AS x;});

my $split_set = q{SET parallel_dump.dump_split_size = '256kB'; SET client_min_messages = debug1;};

# Runs pd_dump; returns its messages (the DEBUG1 lines say how tables were cut).
sub dump_split {
    my ($dir, $jobs, $compression, $table) = @_;
    # only that table (and so nearly all the data): bigger than a worker's share
    my ($ret, $out, $err) = $node->psql('split',
        "$split_set SELECT pd_dump('$dir', $jobs, $compression, tables => '{$table}')");
    is($ret, 0, "pd_dump jobs $jobs compression $compression into " . ($dir =~ s{.*/}{}r)) or diag($err);
    return $err;
}

# The COPY text of a table's data file in the archive, and that file's size as pd_list says it.
sub archive_text {
    my ($dir, $table) = @_;
    my ($file, $size) = split /\|/,
      $node->safe_psql('split', "SELECT data_file, data_size FROM pd_list('$dir') WHERE kind = 'TABLE DATA' AND name = '$table'");
    my $path = -e "$dir/$file" ? "$dir/$file" : "$dir/$file.gz";
    is($size, -s $path, "$table: pd_list's data_size is the file's");
    my $text;
    if ($path =~ /\.gz$/) {
        gunzip($path => \$text, MultiStream => 1) or die $GunzipError;
    } else {
        $text = slurp_file($path);
    }
    return $text;
}

# The rows (those matching $where) in physical order, as a data file of pg_dump has them.
sub physical_text {
    my ($db, $table, $where) = @_;
    $where //= 'true';
    my $text = $node->safe_psql($db, "COPY (SELECT * FROM $table WHERE $where ORDER BY ctid) TO STDOUT");
    return (length($text) ? "$text\n" : '') . "\\.\n\n\n"; # pg_dump's end-of-data marker
}

sub pieces_of {
    my ($messages, $table) = @_;
    return $messages =~ /table public\.$table is read in (\d+) pieces/ ? $1 : 0;
}

sub no_part_files {
    my ($dir, $what) = @_;
    opendir(my $dh, $dir) or return pass("$what: no temporary piece file (directory gone)");
    my @left = grep { /\.part\d+$/ } readdir($dh);
    closedir($dh);
    is("@left", '', "$what: no temporary piece file");
}

# --- cut in pieces, jobs 2 and 3, gzip and plain --------------------------------
for my $case ([ 2, -1 ], [ 3, -1 ], [ 3, 0 ]) {
    my ($jobs, $compression) = @$case;
    for my $table (qw(orders holes toasty)) {
        my $dir = archive_dir("${table}_j${jobs}_z$compression");
        my $messages = dump_split($dir, $jobs, $compression, $table);
        cmp_ok(pieces_of($messages, $table), '>=', 2, "jobs $jobs: $table is read in several pieces");
        if ($table eq 'orders') {
            # each piece counts the blocks of its own range: the summary's bytes are the table's, once
            my ($bytes) = $messages =~ /items, \d+ rows, (\d+) bytes of table data/;
            my $size = $node->safe_psql('split', q{SELECT pg_relation_size('orders')});
            ok(defined $bytes && $bytes <= $size && $bytes >= $size / 2,
                "jobs $jobs: the summary counts orders' $size bytes once (" . ($bytes // '?') . ')');
        }
        same_text(archive_text($dir, $table), physical_text('split', $table),
            "jobs $jobs compression $compression: the rows of $table once each, in physical order");
        no_part_files($dir, "$table jobs $jobs compression $compression");
        # the leader hashes the file as its pieces join it: the manifest must match the whole file
        is($node->safe_psql('split', "SELECT coalesce(string_agg(file || ': ' || problem, ', '), '') FROM pd_verify('$dir')"),
            '', "jobs $jobs compression $compression: $table: pd_verify finds the archive whole");
        # every piece went to a worker, and the timeline counts each once
        my $items = 0;
        $items += $1 while $messages =~ /pd_dump worker \d+: (\d+) items, busy/g;
        is($items, pieces_of($messages, $table), "jobs $jobs: $table: the workers' timeline lines count every piece");
        # the pieces shrink towards the table's end (guided self-scheduling;
        # toasty's heap is a few blocks, its pieces one block each)
        my ($first, $last) = $messages =~ /table public\.$table is read in \d+ pieces, of (\d+) blocks down to (\d+)/;
        ok(defined $last && $last < $first, "jobs $jobs: $table: the last piece (" . ($last // '?')
            . ' blocks) is smaller than the first (' . ($first // '?') . ')') if $table ne 'toasty';
    }
}
my $whole = dump_split(archive_dir('whole'), 2, -1, 'small');
is(pieces_of($whole, 'small'), 0, 'a small table stays whole');

# --- a table under its share, but bigger than a piece (an eighth of a share): cut too ---
# (a share kept it whole: one worker then dumped it alone while the other idled)
{
    my ($orders, $total) = split /\|/, $node->safe_psql('split', q{SELECT pg_table_size('orders'),
        (SELECT sum(pg_table_size(c)) FROM unnest('{orders,holes,toasty,small}'::regclass[]) c)});
    ok($orders < 0.45 * $total, "orders ($orders bytes) is under its share of the four tables ($total bytes)");
    my $dir = archive_dir('under_share');
    my $messages = dump_split($dir, 2, -1, 'orders,holes,toasty,small');
    cmp_ok(pieces_of($messages, 'orders'), '>=', 2, 'a table under its share but above a piece is read in pieces');
    is(pieces_of($messages, 'small'), 0, 'beside it, a table under the floor stays whole');
    same_text(archive_text($dir, 'orders'), physical_text('split', 'orders'),
        'under its share: the rows of orders once each, in physical order');
}

# --- stock pg_restore -j 2 and pd_restore of such an archive ---------------------------
for my $table (qw(orders holes toasty)) {
    my $dir = archive_dir("${table}_j2_z-1");
    my $err = restore_archive($node, $dir, "pg_$table", '-j', '2');
    unlike($err, qr/error/i, "$table: pg_restore -j 2 reports no error");
    same_text(physical_text("pg_$table", $table), physical_text('split', $table),
        "pg_restore -j 2: $table restored exactly, in the same physical order");
    $node->safe_psql('postgres', "CREATE DATABASE pd_$table");
    my ($ret, $out, $perr) = $node->psql('split',
        "SET parallel_dump.restore_split_size = '256kB'; SET client_min_messages = debug1;"
          . " SELECT * FROM pd_restore('$dir', 'pd_$table', 2)");
    is($ret, 0, "$table: pd_restore") or diag($perr);
    like($perr, qr/TOC entry \d+ loaded in [2-9] pieces/, "$table: pd_restore loads the file in pieces");
    my $q = "COPY (SELECT * FROM $table ORDER BY id) TO STDOUT";
    same_text($node->safe_psql("pd_$table", $q), $node->safe_psql('split', $q), "pd_restore: $table restored exactly");
}

# --- rows inserted and a VACUUM while the dump runs ---------------------------------
$node->safe_psql('split', q{
  CREATE TABLE growing AS SELECT g AS id, repeat(md5(g::text), 8) AS pad FROM generate_series(1, 120000) g;
  DELETE FROM growing WHERE id % 7 = 0;});
my $inserter = $node->background_psql('split');
$inserter->query_until(qr/start/, q{\echo start
DO $$ BEGIN
  FOR i IN 1..400 LOOP
    INSERT INTO growing SELECT 1000000 + i * 100 + g, repeat('n', 300) FROM generate_series(1, 100) g;
    COMMIT;
    PERFORM pg_sleep(0.005);
  END LOOP;
END $$;
});
my $vacuum = $node->background_psql('split');
$vacuum->query_until(qr/start/, "\\echo start\n" . ("VACUUM growing;\n" x 30));
my $dir = archive_dir('growing');
my $before = $node->safe_psql('split', 'SELECT count(*) FROM growing');
my $messages = dump_split($dir, 2, -1, 'growing');
my $after = $node->safe_psql('split', 'SELECT count(*) FROM growing');
$inserter->quit;
$vacuum->quit;
cmp_ok($after, '>', $before, 'rows were inserted while the dump ran');
cmp_ok(pieces_of($messages, 'growing'), '>=', 2, 'the growing table is read in pieces');
my $archived = archive_text($dir, 'growing');
# each batch of inserted rows committed at once: the snapshot saw the first $batches of them
my $batches = 0;
while ($archived =~ /^(1\d{6})\t/mg) {
    my $b = int(($1 - 1000001) / 100);
    $batches = $b if $b > $batches;
}
same_text($archived, physical_text('split', 'growing', 'id <= 1000000 + 100 * ' . ($batches + 1)),
    "growing table: the snapshot's rows ($batches batches inserted before it), none inserted later, in physical order");
my $archived_rows = (() = $archived =~ /\n/g) - 1;
cmp_ok($archived_rows, '>=', $before, 'every row committed before the dump began is there');
cmp_ok($archived_rows, '<', $after, 'rows committed while the dump ran are not');

# --- cancel and worker failure leave no temporary file --------------------------------
$node->safe_psql('split', q{
  CREATE TABLE huge AS SELECT g AS id, repeat(md5(g::text), 8) AS pad FROM generate_series(1, 400000) g;});
my $workers_sql = q{SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'parallel_dump worker'};
my $leader = $node->background_psql('split', on_error_stop => 0);
my $pid = $leader->query_safe('SELECT pg_backend_pid()');
$leader->query_safe("SET parallel_dump.dump_split_size = '256kB'");
for my $how ('cancel', 'worker') {
    $dir = archive_dir("stopped_$how");
    $leader->{stderr} = '';
    $leader->query_until(qr/go/, "\\echo go\nSELECT pd_dump('$dir', 2, tables => '{huge}');\n");
    my $seen = 0;
    for (my $t = 0; $t < 3000 && !$seen; $t++) {
        if (opendir(my $dh, $dir)) {
            $seen = grep { /\.part\d+$/ } readdir($dh);
            closedir($dh);
        }
        select(undef, undef, undef, 0.01) unless $seen;
    }
    ok($seen, "$how: a piece's temporary file exists while the dump runs");
    if ($how eq 'cancel') {
        $node->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
    } else {
        $node->safe_psql('postgres',
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'pd_dump: COPY %piece%' LIMIT 1");
    }
    $leader->query('SELECT 1');
    like($leader->{stderr}, qr/ERROR/, "$how: the dump fails");
    ok(wait_for($node, 'postgres', "SELECT ($workers_sql) = 0", 20), "$how: no worker left behind");
    ok(!-e $dir, "$how: the directory the dump created is gone, temporary files too");
}
$leader->quit;

done_testing();
