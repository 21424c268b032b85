# Security labels (with a test-only label provider loaded): dumped with their
# objects, restored by pg_restore and by pd_restore.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
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
  SECURITY LABEL FOR pd_test ON VIEW s.v IS 'view label';
  SECURITY LABEL FOR pd_test ON MATERIALIZED VIEW s.mv IS 'matview label';
  SECURITY LABEL FOR pd_test ON SEQUENCE s.q IS 'it''s a sequence';
  SECURITY LABEL FOR pd_test ON TYPE s.e IS 'type label';
  SECURITY LABEL FOR pd_test ON DOMAIN s.d IS 'domain label';
  SECURITY LABEL FOR pd_test ON FUNCTION s.f(int) IS 'function label';
  SECURITY LABEL FOR pd_test ON AGGREGATE s.agg(int) IS 'aggregate label';
  SECURITY LABEL FOR pd_test ON LARGE OBJECT 77001 IS 'lo label';});

my $dir = archive_dir('labels');
my ($ret, $out, $err) = $node->psql('labelled', "SELECT pd_dump('$dir', 2)");
is($ret, 0, 'pd_dump succeeds');
unlike($err, qr/WARNING/, 'security labels are dumped, nothing skipped');
my $n = $node->safe_psql('labelled', "SELECT count(*) FROM pd_list('$dir') WHERE kind = 'SECURITY LABEL'");
is($n, '11', 'one SECURITY LABEL entry per label');
like(schema_of($node, 'labelled'), qr/SECURITY LABEL FOR pd_test ON COLUMN s\.t\.secret/, 'pg_dump -s shows them');
roundtrip_ok($node, 'labelled', $dir, 'labelled_pg', 'pg_restore -j 2', '-j2');

$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump');
$node->safe_psql('postgres', 'CREATE DATABASE labelled_pd');
($ret, $out, $err) = $node->psql('postgres', "SELECT failed FROM pd_restore('$dir', 'labelled_pd')");
is($out, '0', 'pd_restore succeeds') or diag($err);
same_text(schema_of($node, 'labelled_pd'), schema_of($node, 'labelled'), 'pd_restore: same labels');

$node->stop;
done_testing();
