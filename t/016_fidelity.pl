# Issue 10, measured: for every test corpus and every selection/output option,
# pd_dump's archive against pg_dump 15's archive of the same database with the
# same options, through `pg_restore -l` and `pg_restore -f -`.  Differences
# not in the KNOWN list below fail; KNOWN ones are tolerated for now, each
# with its reason, and go away as the fixes land.  Then the restores issue 10
# names: hash partitions on an enum key into a new database, and
# `pg_restore --create` (both TODO while they fail).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PdFidelity;
use PostgreSQL::Test::Utils;
use Test::More;

# Differences tolerated for now: each a class with its reason (see
# /work/tools/fidelity-report.md).  Regexes on the fields of a difference
# (part: list missing|extra|moved|oids|header, script; kind; name; pg; pd).
# Remove an item when its fix lands: a difference it no longer covers fails.
my @KNOWN = (
    # --- objects or data lost or wrong after a restore ---
    { reason => 'item 1: hash partitions on an enum key are not loaded through the root',
      part => qr/^script$/, kind => qr/^TABLE DATA$/, pg => qr/^-- load via partition root /m },
    { reason => 'item 2: no DATABASE / DATABASE PROPERTIES entries',
      part => qr/^list missing$/, pg => qr/^(DATABASE( PROPERTIES)? |(COMMENT|ACL|SECURITY LABEL) - DATABASE )/ },
    { reason => 'item 3: no entry for schema public (owner, comment, ACL relative to it)',
      part => qr/^list missing$/, pg => qr/^(SCHEMA - public|COMMENT - SCHEMA public)( |$)/ },
    { reason => 'item 4: the ACL of language plpgsql is not dumped',
      part => qr/^list missing$/, pg => qr/^ACL - LANGUAGE plpgsql( |$)/ },
    { reason => 'item 4: column privileges on system columns are lost',
      part => qr/^list missing$/, pg => qr/^ACL \S+ COLUMN \S+\.(ctid|xmin|xmax|cmin|cmax|tableoid)( |$)/ },
    { reason => 'item 6: data_only leaves out the comments and privileges of large objects', opt => qr/^data_only$/,
      part => qr/^list missing$/, kind => qr/^(ACL|COMMENT) - LARGE OBJECT / },
    { reason => 'item 8: ALTER ... DEPENDS ON EXTENSION (index, matview, trigger, function) is not dumped',
      part => qr/^script$/, pg => qr/^ALTER \w+( VIEW)? .* DEPENDS ON EXTENSION \w+;$/, pd => qr/^$/ },
    { reason => 'item 8: ALTER FUNCTION ... DEPENDS ON EXTENSION is not dumped (in a function hunk)',
      part => qr/^script$/, kind => qr/^(FUNCTION|PROCEDURE)$/, pg => qr/^ALTER (FUNCTION|PROCEDURE) .* DEPENDS ON EXTENSION /m },
    { reason => 'item 6: data_only dumps REFRESH MATERIALIZED VIEW entries', opt => qr/^data_only$/,
      part => qr/^list extra$/, kind => qr/^MATERIALIZED VIEW DATA / },
    { reason => 'item 7: tables also dumps the tables\' extended statistics', opt => qr/^tables$/,
      part => qr/^list extra$/, kind => qr/^(COMMENT \S+ )?STATISTICS / },
    { reason => 'item 7: exclude_schemas/exclude_tables of a partitioned table drop the ATTACH of its partitions elsewhere',
      opt => qr/^exclude_(schemas|tables)$/, part => qr/^list missing$/, kind => qr/^(TABLE|INDEX) ATTACH / },
    # --- textual: entries named or numbered differently in the TOC ---
    { reason => 'TOC: catalog/object ids: pg_dump writes 0 0 for attach/sequence/owned-by/user mapping/shell types, '
        . 'the table oid for TABLE DATA; pd_dump the other way round', part => qr/^list oids$/ },
    { reason => 'TOC: entry count follows the missing and extra entries', part => qr/^list header$/, pg => qr/TOC Entries/ },
    { reason => 'TOC order: pd_dump sorts and moves entries unlike pg_dump', part => qr/^list moved$/ },
    { reason => 'TOC names: functions, procedures, aggregates, operators named with argument names/modes '
        . '(pg_get_function_identity_arguments) where pg_dump lists the types only',
      part => qr/^list (missing|extra)$/, kind => qr/^(FUNCTION|PROCEDURE|AGGREGATE|COMMENT|ACL) \S+ (FUNCTION |PROCEDURE |AGGREGATE )?[^ ]*\(/ },
    { reason => 'TOC names: operators named without their argument types in pg_dump',
      part => qr/^list (missing|extra)$/, kind => qr/^OPERATOR \S+ / },
    { reason => 'TOC names: domain ACL tagged DOMAIN (pg_dump: TYPE)', part => qr/^list (missing|extra)$/,
      kind => qr/^ACL \S+ (TYPE|DOMAIN) / },
    { reason => 'TOC names: transform tagged "FOR type LANGUAGE l" (pg_dump: "TRANSFORM FOR ...")',
      part => qr/^list (missing|extra)$/, kind => qr/^TRANSFORM - / },
    { reason => 'functions/procedures: pg_get_functiondef text (CREATE OR REPLACE, $function$, attribute layout)',
      part => qr/^script$/, kind => qr/^(FUNCTION|PROCEDURE)$/, pg => qr/^(?!.*DEPENDS ON EXTENSION)/s },
    { reason => 'TOC owner: NULL where pg_dump has an empty owner and the other way round (header "Owner: -")',
      part => qr/^script$/, pg => qr/\A-- .*; Owner: -?\z/, pd => qr/\A-- .*; Owner: -?\z/ },
    { reason => 'privileges: role names quoted, privileges spelled out instead of ALL, REVOKE ALL for one privilege, '
        . 'grants to the owner and redundant grants on extension members',
      part => qr/^script$/, kind => qr/^(ACL|DEFAULT ACL)$/, pd => qr/^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES) /m },
    { reason => 'composite types: attributes indented with spaces (pg_dump: a tab)',
      part => qr/^script$/, kind => qr/^TYPE$/, pg => qr/^\t/m },
    { reason => 'base types, aggregates: options in another order, defaults written (SUBSCRIPT, FINALFUNC_MODIFY)',
      part => qr/^script$/, kind => qr/^(TYPE|AGGREGATE)$/,
      pg => qr/\A(\s+([A-Z_]+ = [^\n]*|PASSEDBYVALUE,?)(\n|\z))*\z/, pd => qr/\A(\s+([A-Z_]+ = [^\n]*|PASSEDBYVALUE,?)(\n|\z))*\z/ },
    { reason => 'domains: DEFAULT before NOT NULL', part => qr/^script$/, kind => qr/^DOMAIN$/, pg => qr/NOT NULL DEFAULT/ },
    { reason => 'text search templates: options on one line', part => qr/^script$/, kind => qr/^TEXT SEARCH TEMPLATE$/ },
    { reason => 'text search configurations: mappings on one line, dictionaries schema-qualified',
      part => qr/^script$/, kind => qr/^TEXT SEARCH CONFIGURATION$/, pd => qr/ADD MAPPING FOR/ },
    { reason => 'policies: TO PUBLIC written, roles in another order', part => qr/^script$/, kind => qr/^POLICY$/ },
    { reason => 'zero-column COPY: one space (pg_dump: two)', part => qr/^script$/, kind => qr/^TABLE DATA$/,
      pg => qr/^COPY \S+  FROM stdin;$/ },
    { reason => 'languages: CREATE LANGUAGE with HANDLER where pg_dump writes CREATE OR REPLACE PROCEDURAL LANGUAGE name',
      part => qr/^script$/, kind => qr/^PROCEDURAL LANGUAGE$/ },
    { reason => 'blank lines: statements of one entry without the blank line between them (CLUSTER ON, ENABLE ...)',
      part => qr/^script$/, pg => qr/\A\n*\z/, pd => qr/\A\n*\z/ },
    { reason => 'TOC tablespace/table AM: SET default_tablespace/default_table_access_method printed before another entry',
      part => qr/^script$/, pg => qr/\A((SET default_tablespace|SET default_table_access_method) [^\n]*\n?|\n)*\z/,
      pd => qr/\A((SET default_tablespace|SET default_table_access_method) [^\n]*\n?|\n)*\z/ },
    { reason => 'operator classes/families: "OPERATOR 1 >(integer,integer) ," spacing',
      part => qr/^script$/, kind => qr/^OPERATOR (CLASS|FAMILY)$/, pg => qr/^\s+OPERATOR \d+ .*\) ,$/m },
    { reason => 'text search parsers: HEADLINE before LEXTYPES', part => qr/^script$/, kind => qr/^TEXT SEARCH PARSER$/ },
    { reason => 'domains: NOT VALID constraints inline in the DOMAIN entry (pg_dump: a CHECK CONSTRAINT entry)',
      part => qr/^(script|list missing)$/, kind => qr/^(DOMAIN$|CHECK CONSTRAINT )/, pg => qr/^(|CHECK CONSTRAINT .*)$/ },
    { reason => 'TOC names: comments on triggers, rules, policies tagged "name_of_table name" (pg_dump: "name ON table")',
      part => qr/^list (missing|extra)$/, kind => qr/^COMMENT \S+ (TRIGGER|RULE|POLICY) / },
    { reason => 'TOC names: comments on operators without the argument types', part => qr/^list (missing|extra)$/,
      kind => qr/^COMMENT \S+ OPERATOR / },
);

my $node = new_node('fidelity', "wal_level = logical\nmax_connections = 40\nmax_prepared_transactions = 5\n");
my ($ret) = $node->psql('postgres', slurp_data('rich_roles.sql'));
load_corpus($node, 'rich', 'rich_schema.sql');
load_corpus($node, 'app', 'app_schema.sql');
load_corpus($node, 'parts', 'partition_schema.sql');
load_corpus($node, 'kinds', 'more_kinds.sql');
load_corpus($node, 'edge', 'edge_kinds.sql');
load_corpus($node, 'fid', 'fidelity_kinds.sql');

# per corpus: the patterns of the selection options
my @corpora = (
    { db => 'rich', schemas => ['shop'], exclude_schemas => ['"Mixed Case"'], tables => [ 'shop.customer', 'shop.stock' ],
      exclude_tables => ['shop.customer'], exclude_table_data => ['shop.product'] },
    { db => 'app', schemas => ['public'], exclude_schemas => ['public'], tables => ['"user"'],
      exclude_tables => ['audit_log'], exclude_table_data => ['"user"'] },
    { db => 'parts', schemas => ['part'], exclude_schemas => ['part'], tables => ['part.events'],
      exclude_tables => ['part.h*'], exclude_table_data => ['part.events_2024'] },
    { db => 'kinds', schemas => ['sec'], exclude_schemas => ['calc'], tables => [ 'sec.docs', 'calc.docs' ],
      exclude_tables => ['sec.log'], exclude_table_data => ['calc.*'] },
    { db => 'edge', schemas => ['edge'], exclude_schemas => ['edge'], tables => [ 'edge.base', 'edge.gen_*' ],
      exclude_tables => ['edge.base'], exclude_table_data => ['edge.gen_parent'] },
    { db => 'fid', schemas => ['fid'], exclude_schemas => ['fid'], tables => [ 'fid.everything', 'fid.hash_enum*' ],
      exclude_tables => ['fid.ranged*'], exclude_table_data => ['fid.everything'],
      extra => [ [ 'schemas_public', q{schemas => '{public}'}, [ '-n', 'public' ] ],
                 [ 'exclude_schemas_other', q{exclude_schemas => '{other}'}, [ '-N', 'other' ] ] ] },
);

sub pattern_args {
    my ($name, $flag, $patterns) = @_;
    return ("$name => ARRAY[" . join(', ', map { "'$_'" } @$patterns) . ']', [ map { ($flag, $_) } @$patterns ]);
}

# [name, pd_dump arguments, pg_dump options, pg_restore -f options, compare owners]
sub option_sets {
    my ($c) = @_;
    return (
        [ 'default', '', [] ],
        [ 'schema_only', 'schema_only => true', ['-s'] ],
        [ 'data_only', 'data_only => true', ['-a'] ],
        [ 'no_privileges', 'no_privileges => true', ['-x'] ],
        # pg_dump -Fd ignores -O (pg_restore applies it); pd_dump's archive
        # records no owners (README): compare with owners left out
        [ 'no_owner', 'no_owner => true', ['-O'], ['-O'], 1 ],
        [ 'schemas', pattern_args('schemas', '-n', $c->{schemas}) ],
        [ 'exclude_schemas', pattern_args('exclude_schemas', '-N', $c->{exclude_schemas}) ],
        [ 'tables', pattern_args('tables', '-t', $c->{tables}) ],
        [ 'exclude_tables', pattern_args('exclude_tables', '-T', $c->{exclude_tables}) ],
        [ 'exclude_table_data', pattern_args('exclude_table_data', '--exclude-table-data', $c->{exclude_table_data}) ],
        [ 'no_blobs', 'no_blobs => true', ['--no-blobs'] ],
        [ 'no_comments', 'no_comments => true', ['--no-comments'] ],
        [ 'load_via_partition_root', 'load_via_partition_root => true', ['--load-via-partition-root'] ],
        @{ $c->{extra} // [] });
}

my $dirs = PostgreSQL::Test::Utils::tempdir('fidelity');
my $report = "$PostgreSQL::Test::Utils::log_path/fidelity_differences.txt";
open(my $rfh, '>', $report) or die "$report: $!";
my %dir_of;

sub compare_pair {
    my ($db, $opt, $pd_args, $pg_opts, $restore_opts, $strip_owner) = @_;
    my ($pd, $pg) = fidelity_pair($node, $db, "${db}_$opt", $pd_args, $pg_opts, $dirs);
    $dir_of{"$db/$opt"} = [ $pd, $pg ];
    if (!$pd || !$pg) {
        fail("$db/$opt: both dumps succeed");
        return;
    }
    my @diffs = archive_differences($db, $opt, $pd, $pg, { restore => $restore_opts // [], strip_owner => $strip_owner });
    my ($unknown, $tolerated) = split_known(\@KNOWN, @diffs);
    print $rfh describe_difference($_) . "\n" for @diffs;
    ok(!@$unknown, "$db/$opt: no difference but the known ones (" . scalar(@$tolerated) . ' known)')
      or diag(join("\n", map { describe_difference($_) } @$unknown[ 0 .. ($#$unknown < 40 ? $#$unknown : 39) ]));
}

my $t0 = time();
for my $c (@corpora) {
    compare_pair($c->{db}, @$_) for option_sets($c);
}
note('corpora compared in ' . (time() - $t0) . ' s');

# --- a restore into a new database of hash partitions on an enum key --------
# The enum's OIDs differ there, so each row hashes to another partition unless
# the data goes through the partition root.
my ($pd_fid, $pg_fid) = @{ $dir_of{'fid/default'} };
my $rows = $node->safe_psql('fid', 'SELECT count(*) FROM fid.hash_enum');
$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump');
sub new_database {
    my ($name) = @_;
    $node->safe_psql('postgres', "CREATE DATABASE $name TEMPLATE template0");
    return $name;
}
sub enum_rows {
    my ($db) = @_;
    my ($r, $out) = $node->psql($db, 'SELECT count(*) FROM fid.hash_enum');
    return $out;
}
run_command([ 'pg_restore', '-j2', '-d', $node->connstr(new_database('henum_pg')), $pg_fid ]);
is(enum_rows('henum_pg'), $rows, "pg_dump's archive, pg_restore -j 2: every row of the hash partitions on an enum ($rows)");
{
    local $TODO = 'issue 10 item 1: pd_dump loads hash partitions on an enum key into the leaves';
    run_command([ 'pg_restore', '-j2', '-d', $node->connstr(new_database('henum_pd')), $pd_fid ]);
    is(enum_rows('henum_pd'), $rows, "pd_dump's archive, pg_restore -j 2: every row of the hash partitions on an enum");
    new_database('henum_pdr');
    $node->psql('postgres', "SELECT * FROM pd_restore('$pd_fid', 'henum_pdr', 2, exit_on_error => false)");
    is(enum_rows('henum_pdr'), $rows, "pd_dump's archive, pd_restore: every row of the hash partitions on an enum");
}

# --- pg_restore --create: the database with its comment, settings, privileges --
$node->safe_psql('postgres', q{CREATE DATABASE fid_create;
  COMMENT ON DATABASE fid_create IS 'made by --create';
  ALTER DATABASE fid_create SET work_mem = '3MB';
  GRANT CONNECT, CREATE ON DATABASE fid_create TO fid_reader;
  REVOKE TEMPORARY ON DATABASE fid_create FROM PUBLIC});
$node->safe_psql('fid_create', 'CREATE EXTENSION parallel_dump; CREATE TABLE fid_create_t (id int); INSERT INTO fid_create_t VALUES (1)');
my $db_props = q{SELECT shobj_description(d.oid, 'pg_database') || ' '
  || (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(d.datacl) a) || ' '
  || coalesce((SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting WHERE setdatabase = d.oid AND setrole = 0), '')
  FROM pg_database d WHERE datname = 'fid_create'};
my $props = $node->safe_psql('postgres', $db_props);
my ($pd_c, $pg_c) = fidelity_pair($node, 'fid_create', 'create', '', [], $dirs);
for my $case ([ $pg_c, "pg_dump's archive", '' ], [ $pd_c, "pd_dump's archive", 'issue 10 item 2: pd_dump writes no DATABASE entry' ]) {
    my ($dir, $what, $todo) = @$case;
    $node->safe_psql('postgres', 'DROP DATABASE IF EXISTS fid_create');
    run_command([ 'pg_restore', '--create', '-d', $node->connstr('postgres'), $dir ]);
    local $TODO = $todo if $todo;
    is($node->safe_psql('postgres', $db_props), $props, "$what, pg_restore --create: comment, privileges, settings");
    my ($r, $out) = $node->psql('fid_create', 'SELECT count(*) FROM fid_create_t');
    is($out, '1', "$what, pg_restore --create: the table is in the new database");
}

# --- PostgreSQL's regression database (see t/011), with the default options ---
SKIP: {
    my $src = $ENV{PD_PG_REGRESS_DIR} // '';
    skip 'PostgreSQL regression sources not fetched (PD_PG_REGRESS_DIR)', 1
      unless -f "$src/parallel_schedule" && -f "$src/regress.so";
    my $t1 = time();
    my $outdir = PostgreSQL::Test::Utils::tempdir('pg_regress_out');
    my ($pg_config_out) = run_command([ 'pg_config', '--pkglibdir', '--bindir' ]);
    my ($pkglibdir, $pgbin) = split /\n/, $pg_config_out;
    run_command([ "$pkglibdir/pgxs/src/test/regress/pg_regress", "--inputdir=$src", "--outputdir=$outdir",
        "--bindir=$pgbin", "--dlpath=$src", '--host=' . $node->host, '--port=' . $node->port,
        "--schedule=$src/parallel_schedule", '--max-connections=8' ]);
    $node->safe_psql('regression', 'CREATE EXTENSION parallel_dump');
    compare_pair('regression', 'default', '', []);
    note('regression database built and compared in ' . (time() - $t1) . ' s');
}

# known differences no longer seen: the fix has landed, the entry should go
for my $k (@KNOWN) {
    note("known difference not seen any more (remove it): $k->{reason}") unless $k->{hits};
}
note("every difference: $report");
close $rfh;
$node->stop;
done_testing();
