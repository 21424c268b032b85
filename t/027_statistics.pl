# Statistics that travel: pd_dump(..., statistics => true) saves the
# optimizer statistics of the tables the caller may ANALYZE in
# statistics.dat, and pd_restore applies them, so that pg_stats and
# pg_class of the copy equal the source's and plans need no ANALYZE.
# Stock pg_restore, pd_verify and pg_verifybackup accept the archive; a
# column whose type changed is skipped with a WARNING; a damaged file is an
# ERROR or a WARNING, never a crash.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('stats', "autovacuum = off\n");

my $fixture = q{
CREATE SCHEMA st;
CREATE DOMAIN st.posint AS integer CHECK (VALUE > 0);
CREATE TABLE st.nums (id int PRIMARY KEY, v int, d st.posint, price numeric(10,2), label text COLLATE "C",
                      at timestamptz, tags int[], doc tsvector, r int4range, f float8, "Odd	name" text);
INSERT INTO st.nums
SELECT g, g % 50, 1 + g % 7, g / 3.0, 'L' || (g % 100), '2020-01-01'::timestamptz + g * interval '1 hour',
       ARRAY[g % 10, g % 7], to_tsvector('simple', 'w' || g % 20 || ' x' || g % 3), int4range(g % 100, g % 100 + 10),
       g * 0.1, CASE WHEN g % 4 = 0 THEN NULL ELSE 'o' || g % 9 END
FROM generate_series(1, 5000) g;
CREATE INDEX nums_lower ON st.nums ((lower(label)));
CREATE TABLE st.parted (k int, val text) PARTITION BY RANGE (k);
CREATE TABLE st.parted_1 PARTITION OF st.parted FOR VALUES FROM (1) TO (2501);
CREATE TABLE st.parted_2 PARTITION OF st.parted FOR VALUES FROM (2501) TO (5001);
INSERT INTO st.parted SELECT g, 'v' || g % 13 FROM generate_series(1, 5000) g;
CREATE TABLE st.parent (a int, b text);
CREATE TABLE st.child (c int) INHERITS (st.parent);
INSERT INTO st.parent SELECT g % 5, 'p' FROM generate_series(1, 300) g;
INSERT INTO st.child SELECT g % 17, 'c', g FROM generate_series(1, 3000) g;
CREATE TABLE st.other (x int);
INSERT INTO st.other SELECT g % 3 FROM generate_series(1, 100) g;
CREATE TABLE st.mine (y int);
INSERT INTO st.mine SELECT g % 11 FROM generate_series(1, 200) g;
};

$node->safe_psql('postgres', 'CREATE ROLE stat_user LOGIN IN ROLE pg_write_server_files, pg_read_server_files');
load_rich($node, 'src');
$node->safe_psql('src', $fixture);
$node->safe_psql('src', q{
    ALTER TABLE st.mine OWNER TO stat_user;
    GRANT USAGE ON SCHEMA st TO stat_user;
    GRANT SELECT ON st.other TO stat_user;
    GRANT EXECUTE ON FUNCTION pd_dump TO stat_user;
    GRANT EXECUTE ON FUNCTION pd_restore TO stat_user;});
load_corpus($node, 'edge', 'edge_kinds.sql');
load_corpus($node, 'kinds', 'more_kinds.sql');
# every table (edge's foreign tables have no handler: a table they inherit from is left unanalyzed)
$node->safe_psql($_, q{
    DO $$DECLARE r record;
    BEGIN
        FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        LOOP
            BEGIN
                EXECUTE 'ANALYZE ' || r.t;
            EXCEPTION WHEN fdw_error OR feature_not_supported OR object_not_in_prerequisite_state THEN NULL;
            END;
        END LOOP;
    END$$}) for qw(src edge kinds);

my $pg_stats = q{
    SELECT schemaname, tablename, attname, inherited, null_frac, avg_width, n_distinct,
           most_common_vals::text, most_common_freqs, histogram_bounds::text, correlation,
           most_common_elems::text, most_common_elem_freqs, elem_count_histogram
    FROM pg_stats WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
    ORDER BY 1, 2, 3, 4};
my $pg_class = q{
    SELECT n.nspname, c.relname, c.relkind, c.relpages, c.reltuples, c.relallvisible
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    ORDER BY 1, 2};
my $user_stats = q{SELECT count(*) FROM pg_stats WHERE schemaname NOT IN ('pg_catalog', 'information_schema')};

my %archive;
for my $db (qw(src edge kinds)) {
    my $dir = archive_dir("stats_$db");
    $node->safe_psql($db, "SELECT pd_dump('$dir', 2, statistics => true)");
    $archive{$db} = $dir;
    ok(-f "$dir/statistics.dat.gz", "$db: the archive has statistics.dat.gz");
    cmp_ok($node->safe_psql($db, $user_stats), '>=', 20, "$db: the source has statistics to compare");
    $node->safe_psql('postgres', "CREATE DATABASE ${db}_copy");
    my ($ret, $out, $err) = $node->psql($db, "SELECT * FROM pd_restore('$dir', '${db}_copy', 2)");
    is($ret, 0, "$db: pd_restore succeeds");
    like($err, qr/NOTICE:  pd_restore: statistics of \d+ relations \(\d+ columns\) restored, 0 columns skipped/,
         "$db: a NOTICE sums the statistics up: none skipped");
    same_text($node->safe_psql("${db}_copy", $pg_stats), $node->safe_psql($db, $pg_stats),
              "$db: pg_stats of the copy equals the source's");
    same_text($node->safe_psql("${db}_copy", $pg_class), $node->safe_psql($db, $pg_class),
              "$db: relpages, reltuples and relallvisible equal");
    is($node->safe_psql($db, "SELECT count(*) FROM pd_verify('$dir')"), '0', "$db: pd_verify finds nothing");
    my ($vout, $verr) = run_command([ 'pg_verifybackup', '-n', $dir ]);
    like($vout, qr/successfully verified/, "$db: pg_verifybackup -n accepts the archive");
}

# the planner sees the same numbers without ANALYZE: each plan's top estimate
sub estimates {
    my ($db) = @_;
    my @rows;
    for my $q ('SELECT * FROM st.nums WHERE v < 7', 'SELECT * FROM st.nums WHERE tags @> ARRAY[3]',
               q{SELECT * FROM st.nums WHERE doc @@ 'w3'::tsquery}, q{SELECT * FROM st.nums WHERE lower(label) = 'l5'},
               'SELECT * FROM st.nums WHERE r && int4range(5, 8)', 'SELECT * FROM st.parted WHERE val = $$v3$$',
               'SELECT * FROM st.parent WHERE a = 2', 'SELECT v, count(*) FROM st.nums GROUP BY v',
               'SELECT * FROM st.nums n JOIN st.parted p ON p.k = n.id WHERE n.d = 3') {
        my $plan = $node->safe_psql($db, "EXPLAIN $q");
        push @rows, "$q: " . ($plan =~ /rows=(\d+)/ ? $1 : 'none');
    }
    return join("\n", @rows) . "\n";
}
same_text(estimates('src_copy'), estimates('src'), 'EXPLAIN estimates of the copy equal the source\'s');

# stock pg_restore ignores the file: it lists, prints and restores the archive without an error
my $dir = $archive{src};
my ($lout, $lerr) = run_command([ 'pg_restore', '-l', $dir ]);
is($lerr, '', 'pg_restore -l: no error');
unlike($lout, qr/statistics\.dat/, 'pg_restore -l does not list the file');
my ($fout, $ferr) = run_command([ 'pg_restore', '-f', '-', $dir ]);
is($ferr, '', 'pg_restore -f -: no error');
my $err = restore_archive($node, $dir, 'stock_copy', '-j', '2');
is($err, '', 'pg_restore -j 2 restores it with no error');
# ... and sees exactly what it sees without the file
my $without = archive_dir('stats_src_without');
system('cp', '-a', $dir, $without) == 0 or die;
unlink("$without/statistics.dat.gz") or die;
is((run_command([ 'pg_restore', '-l', $without ]))[0], $lout, 'pg_restore -l: the same list without the file');
# (but for the random keys of the \restrict lines)
my $fout_without = (run_command([ 'pg_restore', '-f', '-', $without ]))[0];
s/^\\(un)?restrict .*$//mg for $fout, $fout_without;
same_text($fout_without, $fout, 'pg_restore -f -: the same script without the file');

# statistics => false: the copy has none
$node->safe_psql('postgres', 'CREATE DATABASE nostats');
$node->safe_psql('src', "SELECT * FROM pd_restore('$dir', 'nostats', 2, statistics => false)");
is($node->safe_psql('nostats', $user_stats), '0', 'statistics => false leaves pg_stats empty');

# a column whose type changed in the target: a WARNING, that column skipped, the rest restored
$node->safe_psql('postgres', 'CREATE DATABASE retyped');
$node->safe_psql('src', "SELECT * FROM pd_restore('$dir', 'retyped', 2, schema_only => true)");
is($node->safe_psql('retyped', $user_stats), '0', 'a schema-only restore applies no statistics');
$node->safe_psql('retyped', 'ALTER TABLE st.nums ALTER COLUMN v TYPE bigint');
my ($ret, $out);
($ret, $out, $err) = $node->psql('src', "SELECT * FROM pd_restore('$dir', 'retyped', 2, data_only => true)");
is($ret, 0, 'the data-only restore into the retyped table succeeds');
like($err, qr/WARNING:  column v of st\.nums has type bigint in the target but integer in the archive/,
     'the retyped column is named in a WARNING');
is($node->safe_psql('retyped', q{SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_stats
                                 WHERE schemaname = 'st' AND tablename = 'nums' AND attname IN ('v', 'd')}),
   'd', 'its statistics are skipped, the other columns\' restored');

# a role that is not a superuser dumps only the statistics of the tables it may ANALYZE
my $mine = archive_dir('stats_mine');
$node->safe_psql('src', "SET ROLE stat_user; SELECT pd_dump('$mine', 1, 0, tables => '{st.mine, st.other}', statistics => true)");
my $text = slurp_file("$mine/statistics.dat");
like($text, qr/^R\tst\tmine\t/m, 'the table the role owns is in its statistics file');
unlike($text, qr/^R\tst\tother\t/m, 'a table it may only read is not');
like($text, qr/^C\ty\tinteger\t/m, 'with its column');
$node->safe_psql('postgres', 'CREATE DATABASE mine_copy OWNER stat_user');
$node->safe_psql('mine_copy', 'CREATE SCHEMA st AUTHORIZATION stat_user'); # -t dumps no schema
$node->safe_psql('src', "SET ROLE stat_user; SELECT * FROM pd_restore('$mine', 'mine_copy', 1)");
is($node->safe_psql('mine_copy', q{SELECT tablename FROM pg_stats WHERE schemaname = 'st'}), 'mine',
   'the role restores them into its own database');

# damaged files: an ERROR naming the file (or a WARNING for a bad value), the server stays up
my @cases = (
    [ 'no end record', sub { $_[0] =~ s/^END\t.*\n//m }, qr/ends before its end record/ ],
    [ 'a line cut off', sub { $_[0] =~ s/\n\z// }, qr/ends inside a line/ ],
    [ 'a bad escape', sub { $_[0] =~ s/^(R\tst\tmine)/$1\\q/m }, qr/bad escape sequence/ ],
    [ 'a missing field', sub { $_[0] =~ s/^(R\tst\tmine\tr)\t\d+/$1/m }, qr/malformed relation record/ ],
    [ 'a column before any relation', sub { $_[0] =~ s/^(PDSTATS[^\n]*\n)/$1C\tx\tinteger\tf\t0\t4\t1\n/ },
      qr/malformed column record|before any relation/ ],
    [ 'an invalid byte', sub { $_[0] =~ s/^(R\tst\t)mine/$1m\xffne/m }, qr/invalid byte sequence/ ],
    [ 'a NUL byte', sub { $_[0] =~ s/^(R\tst\t)mine/$1m\x00ne/m }, qr/invalid byte sequence|NUL byte/ ],
    [ 'another version', sub { $_[0] =~ s/^PDSTATS\t1/PDSTATS\t9/ }, qr/unsupported statistics file version/ ],
    [ 'values of another type', sub { $_[0] =~ s/^(C\ty\tinteger\t[^\n]*?\t)integer\t\{[^\t\n]*\}/$1text\t{a,b}/m },
      qr/WARNING:  statistics of kind \d+ of column y of st\.mine/ ],
    [ 'numbers that are no numbers', sub { $_[0] =~ s/^(C\ty\tinteger\t(?:[^\t\n]*\t){7})\{[^\t\n]*\}/$1\{x\}/m },
      qr/WARNING:  could not restore the statistics of st\.mine: invalid input syntax for type real/ ],
);
my $n = 0;
for my $case (@cases) {
    my ($what, $edit, $expect) = @$case;
    $n++;
    my $bad = archive_dir("stats_bad_$n");
    system('cp', '-a', $mine, $bad) == 0 or die;
    my $content = slurp_file("$bad/statistics.dat");
    $edit->($content);
    open(my $fh, '>', "$bad/statistics.dat") or die;
    binmode $fh;
    print $fh $content;
    close $fh;
    $node->safe_psql('postgres', "CREATE DATABASE bad_$n ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    $node->safe_psql("bad_$n", 'CREATE SCHEMA st');
    ($ret, $out, $err) = $node->psql('src', "SELECT * FROM pd_restore('$bad', 'bad_$n', 1)");
    like($err, $expect, "damaged statistics file, $what: reported");
    is($node->safe_psql('postgres', 'SELECT 1'), '1', "damaged statistics file, $what: the server is up");
}

done_testing();
