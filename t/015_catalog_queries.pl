# Every catalog query of src/catalog, run directly through psql as a reader
# would (PREPARE with the six selection parameters): it runs under several
# selections, returns the columns its header promises, and the SQL fragments
# it uses are inlined by the planner.  And the extension's updates from 0.1,
# 0.2 and 0.3 give the objects a fresh install has, while the library refuses them.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $dir = "$FindBin::RealBin/../src/catalog";
my @files = sort glob("$dir/*.sql");
cmp_ok(scalar(@files), '>', 40, 'the catalog queries are .sql files in src/catalog');

my $node = new_node('catalog_queries');
load_rich($node, 'rich');
load_corpus($node, 'kinds', 'more_kinds.sql');
load_corpus($node, 'edge', 'edge_kinds.sql');

# whole database; schemas; tables; exclusions with load via partition root
my $oid_lists = q{SELECT (SELECT array_agg(oid) FROM pg_namespace WHERE nspname !~ '^pg_') AS schemas,
  (SELECT array_agg(oid) FROM pg_class WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f')) AS relations,
  (SELECT array_agg(oid) FROM pg_class WHERE relname LIKE '%e%') AS excluded,
  (SELECT array_agg(oid) FROM pg_class WHERE relname LIKE '%a%') AS no_data \gset
};
my @selections = (
    q{NULL, NULL, true, '{}', '{}', false},
    q{:'schemas', NULL, false, '{}', '{}', false},
    q{'{}', :'relations', false, '{}', '{}', false},
    q{NULL, NULL, true, :'excluded', :'no_data', true});
my @object_row = qw(classid objid kind tag schema owner defn drop_stmt tablespace tableam comment_target
  comment_tag comment acl_kind acl_name acl_tag acl);

for my $file (@files) {
    my ($name) = $file =~ m{([^/]+)\.sql$};
    my $sql = slurp_file($file);
    my ($returns) = $sql =~ /^-- Returns: (.*)$/m;
    ok(defined $returns, "$name.sql: its header says what it returns") or next;
    my $prepare = "SET search_path = '';\nPREPARE q(oid[], oid[], bool, oid[], oid[], bool) AS\n$sql\n";

    # the shape, as psql describes the result
    my @expected;
    if ($returns =~ /^an object row/) {
        @expected = map { /^(classid|objid)$/ ? "$_|oid" : "$_|(?:text|name)" } @object_row;
        push @expected, 'stand_in|text' if $returns =~ /\bstand_in text\b/;
        push @expected, 'acl_base|text' if $returns =~ /\bacl_base text\b/;
        push @expected, 'sort_name|(?:text|name)' if $returns =~ /\bsort_name\b/;
        push @expected, 'sort_ties|text\[\]' if $returns =~ /\bsort_ties\b/;
        push @expected, 'labels|text' if $returns =~ /\blabels text\b/;
        push @expected, 'label_tag|text' if $returns =~ /\blabel_tag text\b/;
    } else {
        @expected = map { my ($c, $t) = /^(\S+) (.+)$/; "\Q$c|$t\E" } split /, /, $returns;
    }
    my ($ret, $out, $err) = $node->psql('rich', $prepare . "EXECUTE q($selections[0]) \\gdesc\n");
    is($ret, 0, "$name.sql: prepares") or diag($err);
    my @got = split /\n/, $out;
    my $shape_ok = @got == @expected;
    for my $i (0 .. $#expected) { $shape_ok &&= defined $got[$i] && $got[$i] =~ /^$expected[$i]$/; }
    ok($shape_ok, "$name.sql: returns $returns") or diag("got: " . join(', ', @got));

    # it runs under every selection, on every database
    for my $db (qw(rich kinds edge)) {
        my $run = $oid_lists . $prepare . join('', map { "EXECUTE q($_);\n" } @selections);
        ($ret, $out, $err) = $node->psql($db, $run);
        is($ret, 0, "$name.sql: runs on $db under every selection") or diag($err);
    }

    # the fragments are inlined: the plan calls none of them
    ($ret, $out, $err) = $node->psql('rich', $prepare . "EXPLAIN (VERBOSE) EXECUTE q($selections[0]);\n");
    my @calls = $out =~ /\b(pd_[a-z_]+)\(/g;
    is("@calls", '', "$name.sql: every SQL fragment it uses is inlined");
}

# the objects of 0.1, 0.2 and 0.3, updated, are those of a fresh install of the
# current version, and the library refuses each until it is updated
my $current = $node->safe_psql('postgres',
    q{SELECT default_version FROM pg_available_extensions WHERE name = 'parallel_dump'});
$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION parallel_dump');
my $members = q{
  SELECT pg_describe_object(d.classid, d.objid, d.objsubid),
         CASE WHEN d.classid = 'pg_proc'::regclass THEN pg_get_functiondef(d.objid) END,
         (SELECT p.proacl FROM pg_proc p WHERE p.oid = d.objid AND d.classid = 'pg_proc'::regclass),
         obj_description(d.objid)
  FROM pg_depend d JOIN pg_extension x ON x.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND x.extname = 'parallel_dump'
  ORDER BY 1};
my $fresh = $node->safe_psql('fresh', $members);
like($fresh, qr/function pd_member_objects\(regclass\)/, 'a fresh install has the fragments');
for my $old ('0.1', '0.2', '0.3') {
    (my $db = "v$old") =~ s/\.//;
    $node->safe_psql('postgres', "CREATE DATABASE $db");
    $node->safe_psql($db, "CREATE EXTENSION parallel_dump VERSION '$old'");
    my $archive = archive_dir($db);
    my ($ret, $out, $err) = $node->psql($db, "SELECT pd_dump('$archive', 1)");
    like($err, qr/extension "parallel_dump" is at version \Q$old\E in this database.*\n.*HINT:  Run ALTER EXTENSION parallel_dump UPDATE/,
        "pd_dump refuses a database whose extension is at $old, with a hint");
    ok(!-e "$archive/toc.dat", 'and writes nothing');
    $node->safe_psql($db, 'ALTER EXTENSION parallel_dump UPDATE');
    same_text($node->safe_psql($db, $members), $fresh,
        "ALTER EXTENSION UPDATE from $old gives the objects of a fresh $current install");
    is($node->safe_psql($db, q{SELECT extversion FROM pg_extension WHERE extname = 'parallel_dump'}), $current,
        "the update from $old reaches $current");
    ($ret, $out, $err) = $node->psql($db, "SELECT pd_dump('$archive', 1)");
    is($ret, 0, "pd_dump works once updated from $old") or diag($err);
}

done_testing();
