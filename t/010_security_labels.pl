# Security labels (with a test-only label provider loaded): dumped with their
# objects, restored by pg_restore and by pd_restore.  And large objects with
# labels, comments, privileges and owners, whose oids have 1 to 10 digits (so
# that their order as text, pg_dump's, is not their order as numbers): the
# entries pg_restore -l lists are pg_dump 15's, in its order, under several
# options.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PdFidelity;
use PostgreSQL::Test::Utils;
use Test::More;

my $pkglib = `pg_config --pkglibdir`;
chomp $pkglib;
plan skip_all => 'the pd_test_seclabel fixture is not installed (scripts/test.sh installs it)'
  unless -f "$pkglib/pd_test_seclabel.so";

my $node = new_node('seclabel', "shared_preload_libraries = 'pd_test_seclabel'\n");
$node->safe_psql('postgres', 'CREATE DATABASE labelled');
$node->safe_psql('labelled', q{
  CREATE EXTENSION parallel_dump;
  CREATE SCHEMA s;
  CREATE TABLE s.t (id int, secret text);
  INSERT INTO s.t VALUES (1, 'x');
  CREATE VIEW s.v AS SELECT id FROM s.t;
  CREATE MATERIALIZED VIEW s.mv AS SELECT id FROM s.t;
  CREATE SEQUENCE s.q;
  CREATE TYPE s.e AS ENUM ('a');
  CREATE DOMAIN s.d AS int;
  CREATE FUNCTION s.f(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
  CREATE AGGREGATE s.agg(int) (SFUNC = int4pl, STYPE = int);
  SELECT lo_from_bytea(77001, 'lo');
  SECURITY LABEL FOR pd_test ON SCHEMA s IS 'schema label';
  SECURITY LABEL FOR pd_test ON TABLE s.t IS 'table label';
  SECURITY LABEL FOR pd_test ON COLUMN s.t.secret IS 'column label';
  SECURITY LABEL FOR pd_test ON VIEW s.v IS 'view \\label';
  SECURITY LABEL FOR pd_test ON MATERIALIZED VIEW s.mv IS 'matview label';
  SECURITY LABEL FOR pd_test ON SEQUENCE s.q IS 'it''s a sequence';
  SECURITY LABEL FOR pd_test ON TYPE s.e IS 'type label';
  SECURITY LABEL FOR pd_test ON DOMAIN s.d IS 'domain label';
  SECURITY LABEL FOR pd_test ON FUNCTION s.f(int) IS 'function label';
  SECURITY LABEL FOR pd_test ON AGGREGATE s.agg(int) IS 'aggregate label';
  SECURITY LABEL FOR pd_test ON LARGE OBJECT 77001 IS 'lo label';
  CREATE SCHEMA "Odd Schema";
  CREATE TYPE "Odd Schema"."My Type" AS (a int, b text);
  CREATE TABLE "Odd Schema"."Cols Only" (id int, "Secret Col" text);
  CREATE FOREIGN DATA WRAPPER w;
  CREATE SERVER srv FOREIGN DATA WRAPPER w;
  CREATE FOREIGN TABLE s.ft (a int) SERVER srv;
  CREATE PROCEDURE "Odd Schema".p("Odd Schema"."My Type") LANGUAGE sql AS 'SELECT 1';
  CREATE FUNCTION s.evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
  CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION s.evt();
  CREATE ROLE label_owner;
  ALTER TABLE "Odd Schema"."Cols Only" OWNER TO label_owner;
  SECURITY LABEL FOR pd_test ON COLUMN "Odd Schema"."Cols Only"."Secret Col" IS 'only a column';
  SECURITY LABEL FOR pd_test ON COLUMN "Odd Schema"."Cols Only".id IS 'and another';
  SECURITY LABEL FOR pd_test ON TYPE "Odd Schema"."My Type" IS 'composite';
  SECURITY LABEL FOR pd_test ON PROCEDURE "Odd Schema".p("Odd Schema"."My Type") IS 'procedure';
  SECURITY LABEL FOR pd_test ON FOREIGN TABLE s.ft IS 'foreign';
  SECURITY LABEL FOR pd_test ON EVENT TRIGGER et IS 'event trigger';});

my $dir = archive_dir('labels');
my ($ret, $out, $err) = $node->psql('labelled', "SELECT pd_dump('$dir', 2)");
is($ret, 0, 'pd_dump succeeds');
unlike($err, qr/WARNING/, 'security labels are dumped, nothing skipped');
my $n = $node->safe_psql('labelled', "SELECT count(*) FROM pd_list('$dir') WHERE kind = 'SECURITY LABEL'");
is($n, '15', 'one SECURITY LABEL entry per labelled object (a table\'s and its columns\' together)');
like(schema_of($node, 'labelled'), qr/SECURITY LABEL FOR pd_test ON COLUMN s\.t\.secret/, 'pg_dump -s shows them');
roundtrip_ok($node, 'labelled', $dir, 'labelled_pg', 'pg_restore -j 2', '-j2');

# every kind of label's entry as pg_dump writes it: schema and owner (a
# column's: its table's), in pg_dump's place
{
    my $ldirs = PostgreSQL::Test::Utils::tempdir('labelled');
    my ($pd, $pg) = fidelity_pair($node, 'labelled', 'labels', '', [], $ldirs);
    ok($pd && $pg, 'labelled: both dumps succeed');
    my @d = archive_differences('labelled', 'labels', $pd, $pg, {});
    ok(!@d, 'labelled: pg_restore -l and -f - are pg_dump\'s')
      or diag(join("\n", map { describe_difference($_) } @d[ 0 .. ($#d < 20 ? $#d : 19) ]));
    my ($list) = run_command([ 'pg_restore', '-l', $pd ]);
    like($list, qr/^\d+; 0 0 SECURITY LABEL s TABLE t \S+$/m,
         'labelled: the table\'s labels and its columns\' in one entry, with its schema and owner');
    like($list, qr/^\d+; 0 0 SECURITY LABEL - SCHEMA s \S+$/m, 'labelled: a schema label carries its owner');
    like($list, qr/^\d+; 0 0 SECURITY LABEL Odd Schema TABLE "Cols Only" label_owner$/m,
         'labelled: column labels alone, in their table\'s entry, with its owner');
}

$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump');
$node->safe_psql('postgres', 'CREATE DATABASE labelled_pd');
($ret, $out, $err) = $node->psql('postgres', "SELECT failed FROM pd_restore('$dir', 'labelled_pd')");
is($out, '0', 'pd_restore succeeds') or diag($err);
same_text(schema_of($node, 'labelled_pd'), schema_of($node, 'labelled'), 'pd_restore: same labels');

$node->safe_psql('postgres', q{CREATE ROLE lo_reader; CREATE ROLE lo_writer; CREATE ROLE lo_owner;
  CREATE DATABASE lobs});
$node->safe_psql('lobs', q{
  CREATE EXTENSION parallel_dump;
  SELECT count(lo_from_bytea(0, convert_to('large object ' || g, 'UTF8'))) FROM generate_series(1, 300) g;
  SELECT count(lo_create(o)) FROM unnest('{7,10,99,100,99999,100000,123456,1000000,4000000000}'::oid[]) o;
  DO $$DECLARE o oid; i int := 0;
  BEGIN
    FOR o IN SELECT oid FROM pg_largeobject_metadata ORDER BY oid LOOP
      i := i + 1;
      IF i % 3 = 0 THEN EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', o, 'comment of ' || o); END IF;
      IF i % 5 = 0 THEN EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO lo_reader', o); END IF;
      IF i % 4 = 0 THEN EXECUTE format('GRANT SELECT, UPDATE ON LARGE OBJECT %s TO lo_writer', o); END IF;
      IF i % 7 = 0 THEN EXECUTE format('ALTER LARGE OBJECT %s OWNER TO lo_owner', o); END IF;
      IF i % 2 = 1 THEN EXECUTE format('SECURITY LABEL FOR pd_test ON LARGE OBJECT %s IS %L', o, 'label ' || o); END IF;
    END LOOP;
  END$$;});
# an object labelled by two providers: one entry with both statements, as
# pg_dump writes it (pg_dump's order of the two is its catalog sort's: only
# the lists are compared with pg_dump's), and both restored
$node->safe_psql('postgres', 'CREATE DATABASE twolabels');
$node->safe_psql('twolabels', q{
  CREATE EXTENSION parallel_dump;
  CREATE TABLE tl (id int, c text);
  SELECT lo_from_bytea(88001, 'lo');
  SECURITY LABEL FOR pd_test ON TABLE tl IS 'one';
  SECURITY LABEL FOR pd_test_b ON TABLE tl IS 'two';
  SECURITY LABEL FOR pd_test_b ON COLUMN tl.c IS 'three';
  SECURITY LABEL FOR pd_test ON LARGE OBJECT 88001 IS 'four';
  SECURITY LABEL FOR pd_test_b ON LARGE OBJECT 88001 IS 'five';});
{
    my $tdirs = PostgreSQL::Test::Utils::tempdir('twolabels');
    my ($pd, $pg) = fidelity_pair($node, 'twolabels', 'two', '', [], $tdirs);
    ok($pd && $pg, 'two providers: both dumps succeed');
    same_text(listed($pd), listed($pg), "two providers: pg_dump's entries");
    my $stmts = $node->safe_psql('twolabels', "SELECT string_agg(kind || ': ' || name, ', ' ORDER BY name) FROM pd_list('$pd') WHERE kind = 'SECURITY LABEL'");
    is($stmts, 'SECURITY LABEL: LARGE OBJECT 88001, SECURITY LABEL: TABLE tl', 'two providers: an entry per object');
    $node->safe_psql('postgres', 'CREATE DATABASE twolabels_pd');
    my ($r, $o, $e) = $node->psql('postgres', "SELECT failed FROM pd_restore('$pd', 'twolabels_pd')");
    is($o, '0', 'two providers: pd_restore succeeds') or diag($e);
    my $q = "SELECT string_agg(provider || '=' || label, ' ' ORDER BY label) FROM pg_seclabel";
    is($node->safe_psql('twolabels_pd', $q), $node->safe_psql('twolabels', $q), 'two providers: every label restored');
}

my $dirs = PostgreSQL::Test::Utils::tempdir('lobs');
# pg_restore -l's entries, their dump ids left out (SECURITY LABEL entries
# with their object's schema and owner, as pg_dump writes them)
sub listed {
    my ($dir) = @_;
    my ($out) = run_command([ 'pg_restore', '-l', $dir ]);
    return join("\n", map { s/^\d+; //r } grep { /^\d+;/ } split /\n/, $out);
}
for my $case ([ 'default', '', [] ], [ 'data_only', 'data_only => true', ['-a'] ],
              [ 'no_privileges', 'no_privileges => true', ['-x'] ], [ 'no_comments', 'no_comments => true', ['--no-comments'] ],
              [ 'no_blobs', 'no_blobs => true', ['--no-blobs'] ]) {
    my ($opt, $pd_args, $pg_opts) = @$case;
    my ($pd, $pg) = fidelity_pair($node, 'lobs', $opt, $pd_args, $pg_opts, $dirs);
    ok($pd && $pg, "large objects, $opt: both dumps succeed") or next;
    my @diffs = archive_differences('lobs', $opt, $pd, $pg, {});
    my $diffs = \@diffs;
    ok(!@$diffs, "large objects, $opt: pg_restore -l and -f - are pg_dump's")
      or diag(join("\n", map { describe_difference($_) } @$diffs[ 0 .. ($#$diffs < 20 ? $#$diffs : 19) ]));
    same_text(listed($pd), listed($pg), "large objects, $opt: pg_dump's entries in pg_dump's order");
    if ($opt eq 'default') {
        my ($list) = run_command([ 'pg_restore', '-l', $pd ]);
        my @blobs = $list =~ /^\d+; 2613 \d+ BLOB - (\d+) /mg;
        is("@blobs", join(' ', sort @blobs), 'large objects, default: in the order of their oids as text');
        is(scalar(@blobs), 309, 'large objects, default: a BLOB entry each');
        like($list, qr/SECURITY LABEL - LARGE OBJECT 4000000000\b/, 'large objects, default: their labels');
    }
}

$node->stop;
done_testing();
