#include "catalog_sql.h"

/* a schema the user made: not pg_catalog, pg_toast, temp schemas, information_schema */
#define USER_NS(n) "(" n ".nspname !~ '^pg_' AND " n ".nspname <> 'information_schema')"
/*
 * The object is not part of another: not an extension member (CREATE
 * EXTENSION brings it back) and not internal to an object (a range type's
 * constructor functions and multirange cast, an array type, ...).  A column's
 * internal dependency on its own table (a partition key) does not count.
 */
/* (an uncorrelated NOT IN: one hashed subplan per query, whatever the planner's estimates) */
#define NOT_MEMBER(catalog, oid)                                                                 \
    oid " NOT IN (SELECT member_dep.objid FROM pg_depend member_dep WHERE member_dep.classid = '" catalog \
    "'::regclass AND member_dep.objsubid = 0 AND member_dep.deptype IN ('e', 'i'))"
/* a relation with a definition of its own (not a sequence or index) */
#define PLAIN_REL(c) "(" c ".relkind IN ('r', 'p', 'v', 'm', 'f'))"
/*
 * The selection (pg_dump's -n/-N/-t/-T), passed to every query as parameters:
 * $1 oid[] schemas whose objects are dumped (NULL: every schema),
 * $2 oid[] the only relations dumped (NULL: those of the schemas in $1),
 * $3 bool  objects outside schemas too (extensions, casts, ...): no -n, no -t,
 * $4 oid[] relations excluded, $5 oid[] relations whose data is excluded,
 * $6 bool  load data of partitions through their partition root.
 */
#define SELECTED_NS(n) "($1::oid[] IS NULL OR " n ".oid = ANY ($1))"
#define SELECTED_REL(c)                                                                          \
    "(CASE WHEN $2::oid[] IS NULL THEN ($1::oid[] IS NULL OR " c ".relnamespace = ANY ($1))"       \
    " ELSE " c ".oid = ANY ($2) END AND NOT " c ".oid = ANY ($4))"
#define EVERYTHING "$3"

#define DUMPED_REL(c, n) PLAIN_REL(c) " AND " USER_NS(n) " AND " NOT_MEMBER("pg_class", c ".oid") " AND " SELECTED_REL(c)
#define COLLATION_NAME(oid)                                                                     \
    "(SELECT format('%I.%I', cn.nspname, co.collname) FROM pg_collation co"                     \
    " JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = " oid ")"
#define OPTIONS_LIST(opts, prefix)                                                              \
    "(SELECT string_agg(format('" prefix "%s=%L', option_name, option_value), ', ')"            \
    " FROM pg_options_to_table(" opts "))"
/*
 * PostgreSQL 15.20 keeps each column's version in attoptions under the
 * reserved key pg_attver (see catalog/pg_attribute.h); like pg_dump, never
 * copy it: the restored column gets a version of its own.
 */
#define NOT_RESERVED_ATTOPTION "option_name <> 'pg_attver'"

/*
 * Per-column ALTER statements that CREATE cannot carry (tables, materialized
 * views and foreign tables; kw is "TABLE" or "FOREIGN TABLE"), as VALUES rows
 * (k, stmt) to sort after the column's identity (k = 1).
 */
#define COLUMN_PROPERTIES(kw, n, c, a, at)                                                       \
    " (2, CASE WHEN " a ".attstattarget >= 0 THEN format(E'ALTER " kw " ONLY %I.%I ALTER COLUMN %I SET STATISTICS %s;\\n'," \
    "  " n ".nspname, " c ".relname, " a ".attname, " a ".attstattarget) END),"                           \
    " (3, (SELECT format(E'ALTER " kw " ONLY %I.%I ALTER COLUMN %I SET (%s);\\n', " n ".nspname, " c ".relname," \
    "  " a ".attname, string_agg(format('%s=%L', option_name, option_value), ', '))"                      \
    "  FROM pg_options_to_table(" a ".attoptions) WHERE " NOT_RESERVED_ATTOPTION " HAVING count(*) > 0)),"  \
    " (4, CASE WHEN " a ".attstorage <> " at ".typstorage THEN format(E'ALTER " kw " ONLY %I.%I ALTER COLUMN %I"  \
    " SET STORAGE %s;\\n', " n ".nspname, " c ".relname, " a ".attname, CASE " a ".attstorage WHEN 'p' THEN 'PLAIN'" \
    "  WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END) END),"                          \
    " (5, CASE WHEN " a ".attcompression <> '' THEN format(E'ALTER " kw " ONLY %I.%I ALTER COLUMN %I"       \
    " SET COMPRESSION %s;\\n', " n ".nspname, " c ".relname, " a ".attname,"                              \
    "  CASE " a ".attcompression WHEN 'l' THEN 'lz4' ELSE 'pglz' END) END),"                          \
    /* a child column without its parent's default: CREATE TABLE ... INHERITS would copy it */       \
    " (6, CASE WHEN NOT " a ".atthasdef AND " a ".attgenerated = '' AND EXISTS (SELECT 1 FROM pg_inherits di"  \
    "  JOIN pg_attribute da ON da.attrelid = di.inhparent AND da.attname = " a ".attname"               \
    "  WHERE di.inhrelid = " c ".oid AND da.atthasdef AND da.attgenerated = '')"                          \
    "  THEN format(E'ALTER " kw " ONLY %I.%I ALTER COLUMN %I SET DEFAULT NULL;\\n', " n ".nspname, " c ".relname," \
    "  " a ".attname) END)"
/* all of a relation's column property statements, in column order ('' when none) */
#define ALL_COLUMN_PROPERTIES(kw, n, c)                                                          \
    "coalesce((SELECT string_agg(v.stmt, '' ORDER BY a.attnum, v.k)"                                \
    " FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid, LATERAL (VALUES" COLUMN_PROPERTIES(kw, n, c, "a", "at") \
    ") v(k, stmt) WHERE a.attrelid = " c ".oid AND a.attnum > 0 AND NOT a.attisdropped AND v.stmt IS NOT NULL), '')"
/* the column is generated in a parent too: the child inherits the expression (not for partitions) */
#define GENERATED_IN_PARENT(c, a)                                                                 \
    "(NOT " c ".relispartition AND EXISTS (SELECT 1 FROM pg_inherits gi JOIN pg_attribute ga"          \
    " ON ga.attrelid = gi.inhparent AND ga.attname = " a ".attname WHERE gi.inhrelid = " c ".oid AND ga.attgenerated <> ''))"

/* the clauses of a column in CREATE TABLE / CREATE FOREIGN TABLE (a: pg_attribute, at: its pg_type, d: pg_attrdef) */
#define COLUMN_COLLATE(a, at)                                                                    \
    "CASE WHEN " a ".attcollation <> " at ".typcollation THEN ' COLLATE ' || " COLLATION_NAME(a ".attcollation") " END"
#define COLUMN_GENERATED(c, a, d)                                                                \
    "CASE WHEN " a ".attgenerated = 's' AND NOT " GENERATED_IN_PARENT(c, a)                         \
    " THEN format(' GENERATED ALWAYS AS (%s) STORED', pg_get_expr(" d ".adbin, " d ".adrelid)) END"
/* its validated CHECK constraints as lines after the columns (a child repeats only its own) */
#define INLINE_CHECKS(c)                                                                         \
    "SELECT 32768 + row_number() OVER (ORDER BY co.conname),"                                        \
    " format('    CONSTRAINT %I %s', co.conname, pg_get_constraintdef(co.oid))"                       \
    " FROM pg_constraint co WHERE co.conrelid = " c ".oid AND co.contype = 'c' AND co.convalidated"   \
    " AND (co.conislocal OR " c ".relispartition)"
/* the parents of an inheritance child (not of a partition), NULL when none */
#define INHERITS_LIST(c)                                                                         \
    "(SELECT string_agg(format('%I.%I', pn.nspname, pc.relname), ', ' ORDER BY i.inhseqno)"          \
    " FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace" \
    " WHERE i.inhrelid = " c ".oid AND NOT " c ".relispartition)"

/* ALTER statements that follow an index or a constraint's index */
#define INDEX_EXTRAS(x, ic, n, c)                                                               \
    "coalesce((SELECT string_agg(s, '' ORDER BY k) FROM (VALUES"                               \
    " (1, CASE WHEN " x ".indisclustered THEN format(E'ALTER TABLE %I.%I CLUSTER ON %I;\\n', " n \
    ".nspname, " c ".relname, " ic ".relname) END),"                                            \
    " (2, CASE WHEN " x ".indisreplident THEN format(E'ALTER TABLE ONLY %I.%I REPLICA IDENTITY "  \
    "USING INDEX %I;\\n', " n ".nspname, " c ".relname, " ic ".relname) END),"                  \
    " (3, (SELECT string_agg(format(E'ALTER INDEX %I.%I ALTER COLUMN %s SET STATISTICS %s;\\n', " \
    n ".nspname, " ic ".relname, ia.attnum, ia.attstattarget), '' ORDER BY ia.attnum)"          \
    " FROM pg_attribute ia WHERE ia.attrelid = " ic ".oid AND ia.attstattarget >= 0))"           \
    ") v(k, s)), '')"

namespace pd_sql {

static const char kSchemas[] =
    "SELECT 'pg_namespace'::regclass::oid, n.oid, 'SCHEMA', n.nspname, NULL, pg_get_userbyid(n.nspowner),"
    " CASE WHEN n.nspname = 'public' THEN '' ELSE format(E'CREATE SCHEMA %I;\\n', n.nspname) END,"
    " CASE WHEN n.nspname <> 'public' THEN format(E'DROP SCHEMA %I;\\n', n.nspname)"
    "      WHEN n.nspowner <> 'pg_database_owner'::regrole"
    "      THEN E'-- *not* dropping schema, since initdb creates it\\n' END,"
    " NULL, NULL, format('SCHEMA %I', n.nspname), format('SCHEMA %s', n.nspname),"
    " CASE WHEN n.nspname = 'public' AND obj_description(n.oid, 'pg_namespace') = 'standard public schema'"
    "      THEN NULL ELSE obj_description(n.oid, 'pg_namespace') END,"
    " 'SCHEMA', format('%I', n.nspname), format('SCHEMA %s', n.nspname),"
    " CASE WHEN n.nspname = 'public'"
    "       AND n.nspacl::text = '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}'"
    "      THEN NULL ELSE n.nspacl::text END"
    " FROM pg_namespace n WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_namespace", "n.oid");

static const char kExtensions[] =
    "SELECT 'pg_extension'::regclass::oid, x.oid, 'EXTENSION', x.extname, NULL, NULL,"
    " format(E'CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I;\\n', x.extname, n.nspname),"
    " format(E'DROP EXTENSION %I;\\n', x.extname), NULL, NULL,"
    " format('EXTENSION %I', x.extname), format('EXTENSION %s', x.extname),"
    " obj_description(x.oid, 'pg_extension'), NULL, NULL, NULL, NULL"
    " FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace"
    " WHERE " EVERYTHING " AND x.oid >= 16384"; /* built-in extensions (plpgsql) come with every database */

static const char kTypes[] =
    "SELECT 'pg_type'::regclass::oid, t.oid, k.kind, t.typname, n.nspname, pg_get_userbyid(t.typowner),"
    " CASE t.typtype"
    "  WHEN 'e' THEN format(E'CREATE TYPE %I.%I AS ENUM (\\n%s\\n);\\n', n.nspname, t.typname,"
    "   (SELECT string_agg('    ' || quote_literal(e.enumlabel), E',\\n' ORDER BY e.enumsortorder)"
    "    FROM pg_enum e WHERE e.enumtypid = t.oid))"
    "  WHEN 'c' THEN format(E'CREATE TYPE %I.%I AS (\\n%s\\n);\\n', n.nspname, t.typname,"
    "   (SELECT string_agg(format('    %I %s%s', a.attname, format_type(a.atttypid, a.atttypmod),"
    "      " COLUMN_COLLATE("a", "at") "),"
    "      E',\\n' ORDER BY a.attnum)"
    "    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid"
    "    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped))"
    "  WHEN 'r' THEN (SELECT format(E'CREATE TYPE %I.%I AS RANGE (\\n    subtype = %s%s%s%s%s%s\\n);\\n',"
    "    n.nspname, t.typname, format_type(r.rngsubtype, NULL),"
    "    CASE WHEN r.rngmultitypid <> 0 THEN format(E',\\n    multirange_type_name = %I.%I', mn.nspname, mt.typname) END,"
    "    CASE WHEN NOT opc.opcdefault THEN format(E',\\n    subtype_opclass = %I.%I', opcn.nspname, opc.opcname) END,"
    "    CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation"
    "         THEN E',\\n    collation = ' || " COLLATION_NAME("r.rngcollation") " END,"
    "    CASE WHEN r.rngcanonical <> 0 THEN E',\\n    canonical = ' || r.rngcanonical::regproc::text END,"
    "    CASE WHEN r.rngsubdiff <> 0 THEN E',\\n    subtype_diff = ' || r.rngsubdiff::regproc::text END)"
    "   FROM pg_range r JOIN pg_type st ON st.oid = r.rngsubtype"
    "   JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace"
    "   LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid LEFT JOIN pg_namespace mn ON mn.oid = mt.typnamespace"
    "   WHERE r.rngtypid = t.oid)"
    "  WHEN 'd' THEN format(E'CREATE DOMAIN %I.%I AS %s%s%s%s%s;\\n%s', n.nspname, t.typname,"
    "   format_type(t.typbasetype, t.typtypmod),"
    "   CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation"
    "        THEN ' COLLATE ' || " COLLATION_NAME("t.typcollation") " END,"
    "   CASE WHEN t.typdefaultbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(t.typdefaultbin, 0)"
    "        WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || quote_literal(t.typdefault) END,"
    "   CASE WHEN t.typnotnull THEN ' NOT NULL' END,"
    "   (SELECT string_agg(format(E'\\n\\tCONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid)), '' ORDER BY c.conname)"
    "    FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' AND c.convalidated),"
    "   (SELECT string_agg(format(E'ALTER DOMAIN %I.%I\\n    ADD CONSTRAINT %I %s;\\n', n.nspname, t.typname,"
    "      c.conname, pg_get_constraintdef(c.oid)), '' ORDER BY c.conname)"
    "    FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' AND NOT c.convalidated))"
    " END,"
    " format(E'DROP %s %I.%I;\\n', k.kind, n.nspname, t.typname), NULL, NULL,"
    " format('%s %I.%I', k.kind, n.nspname, t.typname), format('%s %s', k.kind, t.typname),"
    " obj_description(t.oid, 'pg_type'),"
    " k.kind, format('%I.%I', n.nspname, t.typname), format('%s %s', k.kind, t.typname), t.typacl::text"
    " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
    " LEFT JOIN pg_type bt ON bt.oid = t.typbasetype"
    " CROSS JOIN LATERAL (SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind) k"
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_type", "t.oid") " AND (t.typtype IN ('e', 'r', 'd')"
    "  OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))";

/* a shell type never completed (CREATE TYPE name;) */
static const char kShellTypes[] =
    "SELECT 'pg_type'::regclass::oid, t.oid, 'TYPE', t.typname, n.nspname, pg_get_userbyid(t.typowner),"
    " format(E'CREATE TYPE %I.%I;\\n', n.nspname, t.typname), format(E'DROP TYPE %I.%I;\\n', n.nspname, t.typname),"
    " NULL, NULL, format('TYPE %I.%I', n.nspname, t.typname), format('TYPE %s', t.typname),"
    " obj_description(t.oid, 'pg_type'), NULL, NULL, NULL, NULL"
    " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
    " WHERE t.typtype = 'p' AND NOT t.typisdefined AND " USER_NS("n") " AND " SELECTED_NS("n")
    " AND " NOT_MEMBER("pg_type", "t.oid");

static const char kFunctions[] =
    "SELECT 'pg_proc'::regclass::oid, p.oid, k.kind,"
    " format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), n.nspname,"
    " pg_get_userbyid(p.proowner), pg_get_functiondef(p.oid) || E';\\n',"
    " format(E'DROP %s %I.%I(%s);\\n', k.kind, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),"
    " NULL, NULL,"
    " format('%s %I.%I(%s)', k.kind, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),"
    " format('%s %s(%s)', k.kind, p.proname, pg_get_function_identity_arguments(p.oid)),"
    " obj_description(p.oid, 'pg_proc'),"
    " k.kind, format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),"
    " format('%s %s(%s)', k.kind, p.proname, pg_get_function_identity_arguments(p.oid)), p.proacl::text"
    " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
    " CROSS JOIN LATERAL (SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind) k"
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_proc", "p.oid") " AND p.prokind IN ('f', 'p', 'w')";

static const char kTables[] =
    "SELECT 'pg_class'::regclass::oid, c.oid, 'TABLE', c.relname, n.nspname, pg_get_userbyid(c.relowner),"
    " format(E'CREATE %sTABLE %I.%I%s%s%s%s;\\n%s%s',"
    "  CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, n.nspname, c.relname,"
    /* a typed table takes its columns from the type and lists only their options */
    "  CASE WHEN c.reloftype <> 0 THEN ' OF ' || format_type(c.reloftype, NULL) ELSE '' END,"
    "  (SELECT CASE WHEN count(line) = 0 AND c.reloftype <> 0 THEN ''"
    "    ELSE E' (\\n' || coalesce(string_agg(line, E',\\n' ORDER BY ord), '') || E'\\n)' END FROM ("
    "    SELECT a.attnum AS ord, CASE WHEN c.reloftype <> 0 THEN"
    "      CASE WHEN a.attnotnull THEN format('    %I WITH OPTIONS NOT NULL', a.attname) END"
    "     ELSE format('    %I %s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),"
    "      " COLUMN_COLLATE("a", "at") ", " COLUMN_GENERATED("c", "a", "d") ","
    "      CASE WHEN a.attnotnull THEN ' NOT NULL' END) END AS line"
    "    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid"
    "    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
    "    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
    /* an inheritance child lists its own columns; a partition lists all, ATTACH needs them */
    "      AND (a.attislocal OR c.relispartition)"
    "    UNION ALL " INLINE_CHECKS("c") ") lines),"
    "  coalesce(' INHERITS (' || " INHERITS_LIST("c") " || ')', '')"
    "  || CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END,"
    "  CASE WHEN c.reloptions IS NOT NULL OR tc.reloptions IS NOT NULL THEN"
    "   ' WITH (' || concat_ws(', ', " OPTIONS_LIST("c.reloptions", "") ", " OPTIONS_LIST("tc.reloptions", "toast.") ") || ')' END,"
    "  (SELECT string_agg(v.stmt, '' ORDER BY a.attnum, v.k)"
    "   FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid, LATERAL (VALUES"
    "    (1, CASE WHEN a.attidentity IN ('a', 'd') THEN (SELECT format(E'ALTER TABLE %I.%I ALTER COLUMN %I"
    " ADD GENERATED %s AS IDENTITY (\\n    SEQUENCE NAME %I.%I%s\\n    START WITH %s\\n    INCREMENT BY %s\\n"
    "    MINVALUE %s\\n    MAXVALUE %s\\n    CACHE %s%s\\n);\\n',"
    "       n.nspname, c.relname, a.attname, CASE a.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END,"
    "       sn.nspname, sc.relname,"
    /* the sequence's persistence when it differs from its table's */
    "       CASE WHEN sc.relpersistence <> c.relpersistence"
    "            THEN CASE sc.relpersistence WHEN 'u' THEN E'\\n    UNLOGGED' ELSE E'\\n    LOGGED' END ELSE '' END,"
    "       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,"
    "       CASE WHEN s.seqcycle THEN E'\\n    CYCLE' ELSE '' END)"
    "      FROM pg_depend dd JOIN pg_class sc ON sc.oid = dd.objid JOIN pg_namespace sn ON sn.oid = sc.relnamespace"
    "      JOIN pg_sequence s ON s.seqrelid = sc.oid"
    "      WHERE dd.classid = 'pg_class'::regclass AND dd.refclassid = 'pg_class'::regclass"
    "        AND dd.refobjid = c.oid AND dd.refobjsubid = a.attnum AND dd.deptype = 'i' LIMIT 1) END),"
    COLUMN_PROPERTIES("TABLE", "n", "c", "a", "at")
    "   ) v(k, stmt) WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND v.stmt IS NOT NULL),"
    "  CASE c.relreplident WHEN 'f' THEN format(E'ALTER TABLE ONLY %I.%I REPLICA IDENTITY FULL;\\n', n.nspname, c.relname)"
    "   WHEN 'n' THEN format(E'ALTER TABLE ONLY %I.%I REPLICA IDENTITY NOTHING;\\n', n.nspname, c.relname) END),"
    " format(E'DROP TABLE %I.%I;\\n', n.nspname, c.relname), coalesce(ts.spcname, ''), am.amname,"
    " format('TABLE %I.%I', n.nspname, c.relname), format('TABLE %s', c.relname), obj_description(c.oid, 'pg_class'),"
    " 'TABLE', format('%I.%I', n.nspname, c.relname), format('TABLE %s', c.relname), c.relacl::text"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid"
    " LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace"
    " LEFT JOIN pg_am am ON am.oid = c.relam"
    " WHERE c.relkind IN ('r', 'p') AND " DUMPED_REL("c", "n");

static const char kViews[] =
    "SELECT 'pg_class'::regclass::oid, c.oid, k.kind, c.relname, n.nspname, pg_get_userbyid(c.relowner),"
    " format(CASE c.relkind WHEN 'v' THEN E'CREATE VIEW %I.%I%s AS\\n%s;\\n'"
    "  ELSE E'CREATE MATERIALIZED VIEW %I.%I%s AS\\n%s\\n  WITH NO DATA;\\n' END,"
    "  n.nspname, c.relname,"
    "  CASE WHEN c.reloptions IS NOT NULL THEN ' WITH (' || " OPTIONS_LIST("c.reloptions", "") " || ')' END,"
    "  rtrim(pg_get_viewdef(c.oid), ';'))"
    " || CASE WHEN c.relkind = 'm' THEN " ALL_COLUMN_PROPERTIES("TABLE", "n", "c") " ELSE '' END,"
    " format(E'DROP %s %I.%I;\\n', k.kind, n.nspname, c.relname),"
    " CASE WHEN c.relkind = 'm' THEN coalesce(ts.spcname, '') END, CASE WHEN c.relkind = 'm' THEN am.amname END,"
    " format('%s %I.%I', k.kind, n.nspname, c.relname), format('%s %s', k.kind, c.relname),"
    " obj_description(c.oid, 'pg_class'),"
    " 'TABLE', format('%I.%I', n.nspname, c.relname), format('TABLE %s', c.relname), c.relacl::text,"
    /*
     * A view whose query needs what is created after the data (a primary key
     * that lets it group by the key alone) is first created with these
     * columns and no query, as pg_dump does; no check option: the stand-in
     * is not updatable.
     */
    " CASE WHEN c.relkind = 'v' THEN format(E'CREATE VIEW %I.%I%s AS\\nSELECT%s;\\n', n.nspname, c.relname,"
    "  (SELECT ' WITH (' || string_agg(format('%s=%L', option_name, option_value), ', ') || ')'"
    "   FROM pg_options_to_table(c.reloptions) WHERE option_name <> 'check_option'),"
    "  (SELECT string_agg(format(E'\\n    NULL::%s%s AS %I', format_type(a.atttypid, a.atttypmod),"
    "    " COLUMN_COLLATE("a", "at") ", a.attname), ',' ORDER BY a.attnum)"
    "   FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid"
    "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) END"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace"
    " LEFT JOIN pg_am am ON am.oid = c.relam"
    " CROSS JOIN LATERAL (SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END AS kind) k"
    " WHERE c.relkind IN ('v', 'm') AND " DUMPED_REL("c", "n");

static const char kSequenceDefs[] =
    "SELECT 'pg_class'::regclass::oid, c.oid, 'SEQUENCE', c.relname, n.nspname, pg_get_userbyid(c.relowner),"
    " format(E'CREATE %sSEQUENCE %I.%I\\n    AS %s\\n    START WITH %s\\n    INCREMENT BY %s\\n    MINVALUE %s\\n"
    "    MAXVALUE %s\\n    CACHE %s%s;\\n',"
    "  CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, n.nspname, c.relname,"
    "  format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,"
    "  CASE WHEN s.seqcycle THEN E'\\n    CYCLE' ELSE '' END),"
    " format(E'DROP SEQUENCE %I.%I;\\n', n.nspname, c.relname), NULL, NULL,"
    " format('SEQUENCE %I.%I', n.nspname, c.relname), format('SEQUENCE %s', c.relname),"
    " obj_description(c.oid, 'pg_class'),"
    " 'SEQUENCE', format('%I.%I', n.nspname, c.relname), format('SEQUENCE %s', c.relname), c.relacl::text"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid"
    " WHERE c.relkind = 'S' AND " USER_NS("n") " AND " NOT_MEMBER("pg_class", "c.oid")
    /* a sequence owned by a dumped table is dumped with it, as pg_dump does */
    " AND (" SELECTED_REL("c") " OR c.oid IN (SELECT d.objid FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid"
    "  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
    "  AND d.deptype = 'a' AND " SELECTED_REL("t") "))"
    " AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    "  AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i')";

static const char kDefaults[] =
    "SELECT 'pg_attrdef'::regclass::oid, d.oid, 'DEFAULT', c.relname || ' ' || a.attname, n.nspname,"
    " pg_get_userbyid(c.relowner),"
    " format(E'ALTER TABLE ONLY %I.%I ALTER COLUMN %I SET DEFAULT %s;\\n', n.nspname, c.relname, a.attname,"
    "  pg_get_expr(d.adbin, d.adrelid)),"
    " format(E'ALTER TABLE ONLY %I.%I ALTER COLUMN %I DROP DEFAULT;\\n', n.nspname, c.relname, a.attname),"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
    " JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE a.attgenerated = '' AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'f') AND " DUMPED_REL("c", "n");

static const char kConstraints[] =
    "SELECT 'pg_constraint'::regclass::oid, co.oid,"
    " CASE co.contype WHEN 'f' THEN 'FK CONSTRAINT' WHEN 'c' THEN 'CHECK CONSTRAINT' ELSE 'CONSTRAINT' END,"
    " c.relname || ' ' || co.conname, n.nspname, pg_get_userbyid(c.relowner),"
    /*
     * A foreign key on a partitioned table must recurse to its partitions; a
     * NOT VALID check constraint to inheritance children (which then do not
     * list it themselves).
     */
    " format(E'ALTER %sTABLE %s%I.%I\\n    ADD CONSTRAINT %I %s;\\n', CASE WHEN c.relkind = 'f' THEN 'FOREIGN ' ELSE '' END,"
    "  CASE WHEN (co.contype = 'f' AND c.relkind = 'p') OR co.contype = 'c' THEN '' ELSE 'ONLY ' END,"
    "  n.nspname, c.relname, co.conname,"
    "  pg_get_constraintdef(co.oid)) || CASE WHEN x.indexrelid IS NOT NULL THEN " INDEX_EXTRAS("x", "ic", "n", "c") " ELSE '' END,"
    " format(E'ALTER %sTABLE ONLY %I.%I DROP CONSTRAINT %I;\\n', CASE WHEN c.relkind = 'f' THEN 'FOREIGN ' ELSE '' END,"
    "  n.nspname, c.relname, co.conname),"
    " CASE WHEN co.contype IN ('p', 'u', 'x') THEN coalesce(ts.spcname, '') END, NULL,"
    " format('CONSTRAINT %I ON %I.%I', co.conname, n.nspname, c.relname), format('CONSTRAINT %s ON %s', co.conname, c.relname),"
    " obj_description(co.oid, 'pg_constraint'), NULL, NULL, NULL, NULL"
    " FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_index x ON x.indexrelid = co.conindid AND co.contype IN ('p', 'u', 'x')"
    " LEFT JOIN pg_class ic ON ic.oid = x.indexrelid"
    " LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace"
    " WHERE (co.contype IN ('p', 'u', 'x', 'f') OR (co.contype = 'c' AND NOT co.convalidated AND co.conislocal))"
    " AND c.relkind IN ('r', 'p', 'f') AND " DUMPED_REL("c", "n")
    " AND (co.contype <> 'f' OR co.conparentid = 0)"
    " AND (co.confrelid = 0 OR EXISTS (SELECT 1 FROM pg_class rc WHERE rc.oid = co.confrelid AND " PLAIN_REL("rc") "))";

static const char kIndexes[] =
    "SELECT 'pg_class'::regclass::oid, ic.oid, 'INDEX', ic.relname, n.nspname, pg_get_userbyid(c.relowner),"
    " pg_get_indexdef(ic.oid) || E';\\n' || " INDEX_EXTRAS("x", "ic", "n", "c") ","
    " format(E'DROP INDEX %I.%I;\\n', n.nspname, ic.relname), coalesce(ts.spcname, ''), NULL,"
    " format('INDEX %I.%I', n.nspname, ic.relname), format('INDEX %s', ic.relname),"
    " obj_description(ic.oid, 'pg_class'), NULL, NULL, NULL, NULL"
    " FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace"
    " WHERE (x.indisvalid OR c.relkind = 'p') AND c.relkind IN ('r', 'p', 'm') AND " DUMPED_REL("c", "n")
    " AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = x.indexrelid"
    "  AND co.conrelid = x.indrelid AND co.contype IN ('p', 'u', 'x'))";

/*
 * Triggers; and a partition's copy of its parent's trigger when it was
 * enabled or disabled on its own (pg_dump then writes only that ALTER).
 */
static const char kTriggers[] =
    "SELECT 'pg_trigger'::regclass::oid, t.oid, 'TRIGGER', c.relname || ' ' || t.tgname, n.nspname,"
    " pg_get_userbyid(c.relowner),"
    " CASE WHEN t.tgparentid = 0 THEN pg_get_triggerdef(t.oid) || E';\\n' ELSE '' END"
    " || CASE WHEN t.tgparentid <> 0 OR t.tgenabled <> 'O'"
    "  THEN format(E'%sALTER %sTABLE %I.%I %s TRIGGER %I;\\n', CASE WHEN t.tgparentid <> 0 THEN E'\\n' ELSE '' END,"
    "   CASE WHEN c.relkind = 'f' THEN 'FOREIGN ' ELSE '' END, n.nspname, c.relname,"
    "   CASE t.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS'"
    "    ELSE 'ENABLE' END, t.tgname) ELSE '' END,"
    " CASE WHEN t.tgparentid = 0 THEN format(E'DROP TRIGGER %I ON %I.%I;\\n', t.tgname, n.nspname, c.relname) END,"
    " NULL, NULL,"
    " format('TRIGGER %I ON %I.%I', t.tgname, n.nspname, c.relname), format('TRIGGER %s %s', c.relname, t.tgname),"
    " CASE WHEN t.tgparentid = 0 THEN obj_description(t.oid, 'pg_trigger') END, NULL, NULL, NULL, NULL"
    " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_trigger pt ON pt.oid = t.tgparentid"
    " WHERE ((NOT t.tgisinternal AND t.tgparentid = 0) OR t.tgenabled <> pt.tgenabled)"
    " AND c.relkind IN ('r', 'p', 'v', 'f') AND " DUMPED_REL("c", "n");

static const char kPolicies[] =
    "SELECT 'pg_policy'::regclass::oid, p.oid, 'POLICY', c.relname || ' ' || p.polname, n.nspname,"
    " pg_get_userbyid(c.relowner),"
    " format(E'CREATE POLICY %I ON %I.%I%s%s TO %s%s%s;\\n', p.polname, n.nspname, c.relname,"
    "  CASE WHEN NOT p.polpermissive THEN ' AS RESTRICTIVE' ELSE '' END,"
    "  CASE p.polcmd WHEN 'r' THEN ' FOR SELECT' WHEN 'a' THEN ' FOR INSERT' WHEN 'w' THEN ' FOR UPDATE'"
    "   WHEN 'd' THEN ' FOR DELETE' ELSE '' END,"
    "  (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, ', ')"
    "   FROM unnest(p.polroles) r),"
    "  CASE WHEN p.polqual IS NOT NULL THEN ' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')' END,"
    "  CASE WHEN p.polwithcheck IS NOT NULL THEN ' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')' END),"
    " format(E'DROP POLICY %I ON %I.%I;\\n', p.polname, n.nspname, c.relname), NULL, NULL,"
    " format('POLICY %I ON %I.%I', p.polname, n.nspname, c.relname), format('POLICY %s %s', c.relname, p.polname),"
    " obj_description(p.oid, 'pg_policy'), NULL, NULL, NULL, NULL"
    " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE " DUMPED_REL("c", "n");

static const char kRules[] =
    "SELECT 'pg_rewrite'::regclass::oid, r.oid, 'RULE', c.relname || ' ' || r.rulename, n.nspname,"
    " pg_get_userbyid(c.relowner),"
    " pg_get_ruledef(r.oid) || E'\\n' || CASE r.ev_enabled"
    "  WHEN 'D' THEN format(E'ALTER TABLE %I.%I DISABLE RULE %I;\\n', n.nspname, c.relname, r.rulename)"
    "  WHEN 'R' THEN format(E'ALTER TABLE %I.%I ENABLE REPLICA RULE %I;\\n', n.nspname, c.relname, r.rulename)"
    "  WHEN 'A' THEN format(E'ALTER TABLE %I.%I ENABLE ALWAYS RULE %I;\\n', n.nspname, c.relname, r.rulename)"
    "  ELSE '' END,"
    " format(E'DROP RULE %I ON %I.%I;\\n', r.rulename, n.nspname, c.relname), NULL, NULL,"
    " format('RULE %I ON %I.%I', r.rulename, n.nspname, c.relname), format('RULE %s %s', c.relname, r.rulename),"
    " obj_description(r.oid, 'pg_rewrite'), NULL, NULL, NULL, NULL"
    " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE r.rulename <> '_RETURN' AND " DUMPED_REL("c", "n");

static const char kStatistics[] =
    "SELECT 'pg_statistic_ext'::regclass::oid, s.oid, 'STATISTICS', s.stxname, n.nspname, pg_get_userbyid(s.stxowner),"
    " pg_get_statisticsobjdef(s.oid) || E';\\n' || CASE WHEN s.stxstattarget >= 0"
    "  THEN format(E'ALTER STATISTICS %I.%I SET STATISTICS %s;\\n', n.nspname, s.stxname, s.stxstattarget) ELSE '' END,"
    " format(E'DROP STATISTICS %I.%I;\\n', n.nspname, s.stxname), NULL, NULL,"
    " format('STATISTICS %I.%I', n.nspname, s.stxname), format('STATISTICS %s', s.stxname),"
    " obj_description(s.oid, 'pg_statistic_ext'), NULL, NULL, NULL, NULL"
    " FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace JOIN pg_class c ON c.oid = s.stxrelid"
    " JOIN pg_namespace cn ON cn.oid = c.relnamespace"
    " WHERE " USER_NS("n") " AND " NOT_MEMBER("pg_statistic_ext", "s.oid") " AND " DUMPED_REL("c", "cn");

static const char kCollations[] =
    "SELECT 'pg_collation'::regclass::oid, co.oid, 'COLLATION', co.collname, n.nspname, pg_get_userbyid(co.collowner),"
    " format(E'CREATE COLLATION %I.%I (%s);\\n', n.nspname, co.collname, concat_ws(', ',"
    "  'provider = ' || CASE co.collprovider WHEN 'i' THEN 'icu' ELSE 'libc' END,"
    "  CASE WHEN NOT co.collisdeterministic THEN 'deterministic = false' END,"
    "  CASE WHEN co.collprovider = 'i' THEN 'locale = ' || quote_literal(co.colliculocale)"
    "   WHEN co.collcollate = co.collctype THEN 'locale = ' || quote_literal(co.collcollate)"
    "   ELSE 'lc_collate = ' || quote_literal(co.collcollate) || ', lc_ctype = ' || quote_literal(co.collctype) END)),"
    " format(E'DROP COLLATION %I.%I;\\n', n.nspname, co.collname), NULL, NULL,"
    " format('COLLATION %I.%I', n.nspname, co.collname), format('COLLATION %s', co.collname),"
    " obj_description(co.oid, 'pg_collation'), NULL, NULL, NULL, NULL"
    " FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace"
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_collation", "co.oid");

static const char kEventTriggers[] =
    "SELECT 'pg_event_trigger'::regclass::oid, e.oid, 'EVENT TRIGGER', e.evtname, NULL, pg_get_userbyid(e.evtowner),"
    " format(E'CREATE EVENT TRIGGER %I ON %I%s\\n   EXECUTE FUNCTION %s();\\n%s', e.evtname, e.evtevent,"
    "  CASE WHEN e.evttags IS NOT NULL THEN E'\\n         WHEN TAG IN ('"
    "   || (SELECT string_agg(quote_literal(t), ', ') FROM unnest(e.evttags) t) || ')' ELSE '' END,"
    "  e.evtfoid::regproc,"
    "  CASE e.evtenabled WHEN 'D' THEN format(E'ALTER EVENT TRIGGER %I DISABLE;\\n', e.evtname)"
    "   WHEN 'R' THEN format(E'ALTER EVENT TRIGGER %I ENABLE REPLICA;\\n', e.evtname)"
    "   WHEN 'A' THEN format(E'ALTER EVENT TRIGGER %I ENABLE ALWAYS;\\n', e.evtname) ELSE '' END),"
    " format(E'DROP EVENT TRIGGER %I;\\n', e.evtname), NULL, NULL,"
    " format('EVENT TRIGGER %I', e.evtname), format('EVENT TRIGGER %s', e.evtname),"
    " obj_description(e.oid, 'pg_event_trigger'), NULL, NULL, NULL, NULL"
    " FROM pg_event_trigger e WHERE " EVERYTHING " AND " NOT_MEMBER("pg_event_trigger", "e.oid");

static const char kPublications[] =
    "SELECT 'pg_publication'::regclass::oid, p.oid, 'PUBLICATION', p.pubname, NULL, pg_get_userbyid(p.pubowner),"
    " format(E'CREATE PUBLICATION %I%s WITH (publish = %L%s);\\n', p.pubname,"
    "  CASE WHEN p.puballtables THEN ' FOR ALL TABLES' ELSE '' END,"
    "  concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,"
    "   CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END),"
    "  CASE WHEN p.pubviaroot THEN ', publish_via_partition_root = true' ELSE '' END),"
    " format(E'DROP PUBLICATION %I;\\n', p.pubname), NULL, NULL,"
    " format('PUBLICATION %I', p.pubname), format('PUBLICATION %s', p.pubname),"
    " obj_description(p.oid, 'pg_publication'), NULL, NULL, NULL, NULL"
    " FROM pg_publication p WHERE " EVERYTHING
    " UNION ALL"
    " SELECT 'pg_publication_rel'::regclass::oid, pr.oid, 'PUBLICATION TABLE', p.pubname || ' ' || c.relname, n.nspname,"
    " pg_get_userbyid(p.pubowner),"
    " format(E'ALTER PUBLICATION %I ADD TABLE ONLY %I.%I%s%s;\\n', p.pubname, n.nspname, c.relname,"
    "  CASE WHEN pr.prattrs IS NOT NULL THEN ' (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i)"
    "   FROM unnest(pr.prattrs::int2[]) WITH ORDINALITY k(attnum, i)"
    "   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) || ')' END,"
    "  CASE WHEN pr.prqual IS NOT NULL THEN ' WHERE (' || pg_get_expr(pr.prqual, pr.prrelid) || ')' END),"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid JOIN pg_class c ON c.oid = pr.prrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " EVERYTHING " AND " DUMPED_REL("c", "n")
    " UNION ALL"
    " SELECT 'pg_publication_namespace'::regclass::oid, pn.oid, 'PUBLICATION TABLES IN SCHEMA',"
    " p.pubname || ' ' || n.nspname, n.nspname, pg_get_userbyid(p.pubowner),"
    " format(E'ALTER PUBLICATION %I ADD TABLES IN SCHEMA %I;\\n', p.pubname, n.nspname),"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid"
    " JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE " EVERYTHING " AND " SELECTED_NS("n");

static const char kLargeObjects[] =
    "SELECT 'pg_largeobject'::regclass::oid, l.oid, 'BLOB', l.oid::text, NULL, pg_get_userbyid(l.lomowner),"
    " format(E'SELECT pg_catalog.lo_create(%L);\\n', l.oid), format(E'SELECT pg_catalog.lo_unlink(%L);\\n', l.oid),"
    " NULL, NULL, 'LARGE OBJECT ' || l.oid, 'LARGE OBJECT ' || l.oid, obj_description(l.oid, 'pg_largeobject'),"
    " 'LARGE OBJECT', l.oid::text, 'LARGE OBJECT ' || l.oid, l.lomacl::text"
    " FROM pg_largeobject_metadata l WHERE " EVERYTHING;

#define FUNC_OPTION(name, col) \
    "CASE WHEN " col " <> 0 THEN E',\\n    " name " = ' || " col "::regproc::text END"
#define MODIFY_NAME(col) "CASE " col " WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END"

static const char kAggregates[] =
    "SELECT 'pg_proc'::regclass::oid, p.oid, 'AGGREGATE',"
    " format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), n.nspname, pg_get_userbyid(p.proowner),"
    " format(E'CREATE AGGREGATE %I.%I(%s) (\\n    SFUNC = %s,\\n    STYPE = %s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s\\n);\\n',"
    "  n.nspname, p.proname, CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END,"
    "  a.aggtransfn::regproc, format_type(a.aggtranstype, NULL),"
    "  CASE WHEN a.aggtransspace <> 0 THEN E',\\n    SSPACE = ' || a.aggtransspace END,"
    "  " FUNC_OPTION("FINALFUNC", "a.aggfinalfn") ","
    "  CASE WHEN a.aggfinalextra THEN E',\\n    FINALFUNC_EXTRA' END,"
    "  CASE WHEN a.aggfinalfn <> 0 THEN E',\\n    FINALFUNC_MODIFY = ' || " MODIFY_NAME("a.aggfinalmodify") " END,"
    "  " FUNC_OPTION("COMBINEFUNC", "a.aggcombinefn") ","
    "  " FUNC_OPTION("SERIALFUNC", "a.aggserialfn") ","
    "  " FUNC_OPTION("DESERIALFUNC", "a.aggdeserialfn") ","
    "  CASE WHEN a.agginitval IS NOT NULL THEN E',\\n    INITCOND = ' || quote_literal(a.agginitval) END,"
    "  " FUNC_OPTION("MSFUNC", "a.aggmtransfn") ","
    "  " FUNC_OPTION("MINVFUNC", "a.aggminvtransfn") ","
    "  CASE WHEN a.aggmtranstype <> 0 THEN E',\\n    MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,"
    "  CASE WHEN a.aggmtransspace <> 0 THEN E',\\n    MSSPACE = ' || a.aggmtransspace END,"
    "  " FUNC_OPTION("MFINALFUNC", "a.aggmfinalfn") ","
    "  CASE WHEN a.aggmfinalextra THEN E',\\n    MFINALFUNC_EXTRA' END,"
    "  CASE WHEN a.aggmfinalfn <> 0 THEN E',\\n    MFINALFUNC_MODIFY = ' || " MODIFY_NAME("a.aggmfinalmodify") " END,"
    "  CASE WHEN a.aggminitval IS NOT NULL THEN E',\\n    MINITCOND = ' || quote_literal(a.aggminitval) END,"
    "  CASE WHEN a.aggsortop <> 0 THEN (SELECT format(E',\\n    SORTOP = OPERATOR(%I.%s)', son.nspname, so.oprname)"
    "   FROM pg_operator so JOIN pg_namespace son ON son.oid = so.oprnamespace WHERE so.oid = a.aggsortop) END,"
    "  CASE p.proparallel WHEN 's' THEN E',\\n    PARALLEL = safe' WHEN 'r' THEN E',\\n    PARALLEL = restricted' END,"
    "  CASE WHEN a.aggkind = 'h' THEN E',\\n    HYPOTHETICAL' END),"
    " format(E'DROP AGGREGATE %I.%I(%s);\\n', n.nspname, p.proname,"
    "  CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(p.oid) END),"
    " NULL, NULL,"
    " format('AGGREGATE %I.%I(%s)', n.nspname, p.proname,"
    "  CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(p.oid) END),"
    " format('AGGREGATE %s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)),"
    " obj_description(p.oid, 'pg_proc'),"
    " 'FUNCTION', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),"
    " format('FUNCTION %s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), p.proacl::text"
    " FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid JOIN pg_namespace n ON n.oid = p.pronamespace"
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_proc", "p.oid");

static const char kCasts[] =
    "SELECT 'pg_cast'::regclass::oid, c.oid, 'CAST',"
    " format('CAST (%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)), NULL, '',"
    " format(E'CREATE CAST (%s AS %s) %s%s;\\n', format_type(c.castsource, NULL), format_type(c.casttarget, NULL),"
    "  CASE c.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || c.castfunc::regprocedure::text"
    "   WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END,"
    "  CASE c.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END),"
    " format(E'DROP CAST (%s AS %s);\\n', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),"
    " NULL, NULL,"
    " format('CAST (%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),"
    " format('CAST (%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),"
    " obj_description(c.oid, 'pg_cast'), NULL, NULL, NULL, NULL"
    " FROM pg_cast c WHERE " EVERYTHING " AND c.oid >= 16384 AND " NOT_MEMBER("pg_cast", "c.oid");

static const char kConversions[] =
    "SELECT 'pg_conversion'::regclass::oid, c.oid, 'CONVERSION', c.conname, n.nspname, pg_get_userbyid(c.conowner),"
    " format(E'CREATE %sCONVERSION %I.%I FOR %L TO %L FROM %s;\\n', CASE WHEN c.condefault THEN 'DEFAULT ' ELSE '' END,"
    "  n.nspname, c.conname, pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding),"
    "  c.conproc::regproc),"
    " format(E'DROP CONVERSION %I.%I;\\n', n.nspname, c.conname), NULL, NULL,"
    " format('CONVERSION %I.%I', n.nspname, c.conname), format('CONVERSION %s', c.conname),"
    " obj_description(c.oid, 'pg_conversion'), NULL, NULL, NULL, NULL"
    " FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace"
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_conversion", "c.oid");

#define TS_ROW(catalog, desc, keyword, alias, namecol, nscol, owner, defn)                         \
    "SELECT '" catalog "'::regclass::oid, " alias ".oid, '" desc "', " alias "." namecol ", n.nspname, " owner ","  \
    " " defn ", format(E'DROP " keyword " %I.%I;\\n', n.nspname, " alias "." namecol "), NULL, NULL,"      \
    " format('" keyword " %I.%I', n.nspname, " alias "." namecol "), '" keyword " ' || " alias "." namecol ","   \
    " obj_description(" alias ".oid, '" catalog "'), NULL, NULL, NULL, NULL"                              \
    " FROM " catalog " " alias " JOIN pg_namespace n ON n.oid = " alias "." nscol                           \
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER(catalog, alias ".oid")

static const char kTextSearch[] =
    TS_ROW("pg_ts_parser", "TEXT SEARCH PARSER", "TEXT SEARCH PARSER", "p", "prsname", "prsnamespace", "''",
           "format(E'CREATE TEXT SEARCH PARSER %I.%I (\\n    START = %s,\\n    GETTOKEN = %s,\\n    END = %s,"
           "\\n    LEXTYPES = %s%s );\\n', n.nspname, p.prsname, p.prsstart::regproc, p.prstoken::regproc,"
           " p.prsend::regproc, p.prslextype::regproc,"
           " CASE WHEN p.prsheadline <> 0 THEN E',\\n    HEADLINE = ' || p.prsheadline::regproc::text END)")
    " UNION ALL "
    TS_ROW("pg_ts_template", "TEXT SEARCH TEMPLATE", "TEXT SEARCH TEMPLATE", "t", "tmplname", "tmplnamespace", "''",
           "format(E'CREATE TEXT SEARCH TEMPLATE %I.%I (%s    LEXIZE = %s );\\n', n.nspname, t.tmplname,"
           " CASE WHEN t.tmplinit <> 0 THEN E'\\n    INIT = ' || t.tmplinit::regproc::text || ',' END,"
           " t.tmpllexize::regproc)")
    " UNION ALL "
    TS_ROW("pg_ts_dict", "TEXT SEARCH DICTIONARY", "TEXT SEARCH DICTIONARY", "d", "dictname", "dictnamespace",
           "pg_get_userbyid(d.dictowner)",
           "(SELECT format(E'CREATE TEXT SEARCH DICTIONARY %I.%I (\\n    TEMPLATE = %I.%I%s );\\n', n.nspname,"
           " d.dictname, tn.nspname, t.tmplname, CASE WHEN d.dictinitoption IS NOT NULL"
           " THEN E',\\n    ' || d.dictinitoption END)"
           " FROM pg_ts_template t JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = d.dicttemplate)")
    " UNION ALL "
    TS_ROW("pg_ts_config", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH CONFIGURATION", "c", "cfgname", "cfgnamespace",
           "pg_get_userbyid(c.cfgowner)",
           "(SELECT format(E'CREATE TEXT SEARCH CONFIGURATION %I.%I (\\n    PARSER = %I.%I );\\n', n.nspname,"
           " c.cfgname, pn.nspname, p.prsname) FROM pg_ts_parser p JOIN pg_namespace pn ON pn.oid = p.prsnamespace"
           " WHERE p.oid = c.cfgparser) || coalesce((SELECT string_agg(format(E'ALTER TEXT SEARCH CONFIGURATION %I.%I"
           " ADD MAPPING FOR %s WITH %s;\\n', n.nspname, c.cfgname, tt.alias, m.dicts), '' ORDER BY tt.tokid)"
           " FROM (SELECT mm.maptokentype, string_agg(format('%I.%I', dn.nspname, dd.dictname), ', '"
           "  ORDER BY mm.mapseqno) AS dicts FROM pg_ts_config_map mm JOIN pg_ts_dict dd ON dd.oid = mm.mapdict"
           "  JOIN pg_namespace dn ON dn.oid = dd.dictnamespace WHERE mm.mapcfg = c.oid GROUP BY mm.maptokentype) m"
           " JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype), '')");

#define OPTIONS_SQL(opts) \
    "(SELECT ' OPTIONS (' || string_agg(format('%I %L', option_name, option_value), ', ') || ')'" \
    " FROM pg_options_to_table(" opts "))"

static const char kForeignData[] =
    "SELECT 'pg_foreign_data_wrapper'::regclass::oid, w.oid, 'FOREIGN DATA WRAPPER', w.fdwname, NULL,"
    " pg_get_userbyid(w.fdwowner),"
    " format(E'CREATE FOREIGN DATA WRAPPER %I%s%s%s;\\n', w.fdwname,"
    "  CASE WHEN w.fdwhandler <> 0 THEN ' HANDLER ' || w.fdwhandler::regproc::text ELSE '' END,"
    "  CASE WHEN w.fdwvalidator <> 0 THEN ' VALIDATOR ' || w.fdwvalidator::regproc::text ELSE '' END,"
    "  " OPTIONS_SQL("w.fdwoptions") "),"
    " format(E'DROP FOREIGN DATA WRAPPER %I;\\n', w.fdwname), NULL, NULL,"
    " format('FOREIGN DATA WRAPPER %I', w.fdwname), 'FOREIGN DATA WRAPPER ' || w.fdwname,"
    " obj_description(w.oid, 'pg_foreign_data_wrapper'),"
    " 'FOREIGN DATA WRAPPER', quote_ident(w.fdwname), 'FOREIGN DATA WRAPPER ' || w.fdwname, w.fdwacl::text"
    " FROM pg_foreign_data_wrapper w WHERE " EVERYTHING " AND w.oid >= 16384 AND " NOT_MEMBER("pg_foreign_data_wrapper", "w.oid")
    " UNION ALL"
    " SELECT 'pg_foreign_server'::regclass::oid, s.oid, 'SERVER', s.srvname, NULL, pg_get_userbyid(s.srvowner),"
    " format(E'CREATE SERVER %I%s%s FOREIGN DATA WRAPPER %I%s;\\n', s.srvname,"
    "  CASE WHEN s.srvtype IS NOT NULL THEN ' TYPE ' || quote_literal(s.srvtype) ELSE '' END,"
    "  CASE WHEN s.srvversion IS NOT NULL THEN ' VERSION ' || quote_literal(s.srvversion) ELSE '' END,"
    "  w.fdwname, " OPTIONS_SQL("s.srvoptions") "),"
    " format(E'DROP SERVER %I;\\n', s.srvname), NULL, NULL,"
    " format('SERVER %I', s.srvname), 'SERVER ' || s.srvname, obj_description(s.oid, 'pg_foreign_server'),"
    " 'FOREIGN SERVER', quote_ident(s.srvname), 'FOREIGN SERVER ' || s.srvname, s.srvacl::text"
    " FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw"
    " WHERE " EVERYTHING " AND " NOT_MEMBER("pg_foreign_server", "s.oid")
    " UNION ALL"
    " SELECT 'pg_user_mapping'::regclass::oid, u.umid, 'USER MAPPING',"
    " 'USER MAPPING ' || coalesce(u.usename, 'public') || ' SERVER ' || u.srvname, NULL,"
    " pg_get_userbyid(s.srvowner),"
    " format(E'CREATE USER MAPPING FOR %s SERVER %I%s;\\n',"
    "  CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(u.usename) END, u.srvname,"
    "  " OPTIONS_SQL("u.umoptions") "),"
    " format(E'DROP USER MAPPING FOR %s SERVER %I;\\n',"
    "  CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(u.usename) END, u.srvname),"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM pg_user_mappings u JOIN pg_foreign_server s ON s.oid = u.srvid WHERE " EVERYTHING
    " UNION ALL"
    " SELECT 'pg_class'::regclass::oid, c.oid, 'FOREIGN TABLE', c.relname, n.nspname, pg_get_userbyid(c.relowner),"
    " format(E'CREATE FOREIGN TABLE %I.%I (\\n%s\\n)%s\\nSERVER %I%s;\\n%s', n.nspname, c.relname,"
    /* like a table: an inheritance child lists its own columns and constraints, a partition all */
    "  (SELECT coalesce(string_agg(line, E',\\n' ORDER BY ord), '') FROM ("
    "    SELECT a.attnum AS ord, format('    %I %s%s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),"
    "     " OPTIONS_SQL("a.attfdwoptions") ","
    "     " COLUMN_COLLATE("a", "at") ", " COLUMN_GENERATED("c", "a", "d") ","
    "     CASE WHEN a.attnotnull THEN ' NOT NULL' END) AS line"
    "    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid"
    "    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
    "    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND (a.attislocal OR c.relispartition)"
    "    UNION ALL " INLINE_CHECKS("c") ") lines),"
    "  coalesce(E'\\nINHERITS (' || " INHERITS_LIST("c") " || ')', ''),"
    "  s.srvname, " OPTIONS_SQL("ft.ftoptions") ", " ALL_COLUMN_PROPERTIES("FOREIGN TABLE", "n", "c") "),"
    " format(E'DROP FOREIGN TABLE %I.%I;\\n', n.nspname, c.relname), NULL, NULL,"
    " format('FOREIGN TABLE %I.%I', n.nspname, c.relname), 'FOREIGN TABLE ' || c.relname,"
    " obj_description(c.oid, 'pg_class'),"
    " 'TABLE', format('%I.%I', n.nspname, c.relname), 'FOREIGN TABLE ' || c.relname, c.relacl::text"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server s ON s.oid = ft.ftserver"
    " WHERE c.relkind = 'f' AND " USER_NS("n") " AND " NOT_MEMBER("pg_class", "c.oid") " AND " SELECTED_REL("c");

static const char kOperators[] =
    "SELECT 'pg_operator'::regclass::oid, o.oid, 'OPERATOR',"
    " format('%s(%s, %s)', o.oprname, coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE'),"
    "  coalesce(format_type(nullif(o.oprright, 0), NULL), 'NONE')), n.nspname, pg_get_userbyid(o.oprowner),"
    " format(E'CREATE OPERATOR %I.%s (\\n    FUNCTION = %s%s%s%s%s%s%s%s%s\\n);\\n', n.nspname, o.oprname,"
    "  o.oprcode::regproc,"
    "  CASE WHEN o.oprleft <> 0 THEN E',\\n    LEFTARG = ' || format_type(o.oprleft, NULL) END,"
    "  CASE WHEN o.oprright <> 0 THEN E',\\n    RIGHTARG = ' || format_type(o.oprright, NULL) END,"
    "  (SELECT format(E',\\n    COMMUTATOR = OPERATOR(%I.%s)', cn.nspname, co.oprname) FROM pg_operator co"
    "   JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprcom),"
    "  (SELECT format(E',\\n    NEGATOR = OPERATOR(%I.%s)', cn.nspname, co.oprname) FROM pg_operator co"
    "   JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprnegate),"
    "  CASE WHEN o.oprrest <> 0 THEN E',\\n    RESTRICT = ' || o.oprrest::regproc::text END,"
    "  CASE WHEN o.oprjoin <> 0 THEN E',\\n    JOIN = ' || o.oprjoin::regproc::text END,"
    "  CASE WHEN o.oprcanhash THEN E',\\n    HASHES' END, CASE WHEN o.oprcanmerge THEN E',\\n    MERGES' END),"
    " format(E'DROP OPERATOR %I.%s(%s, %s);\\n', n.nspname, o.oprname,"
    "  coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE'), coalesce(format_type(nullif(o.oprright, 0), NULL), 'NONE')),"
    " NULL, NULL,"
    " format('OPERATOR %I.%s(%s, %s)', n.nspname, o.oprname, coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE'),"
    "  coalesce(format_type(nullif(o.oprright, 0), NULL), 'NONE')),"
    " format('OPERATOR %s', o.oprname), obj_description(o.oid, 'pg_operator'), NULL, NULL, NULL, NULL"
    " FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace"
    " WHERE o.oprcode <> 0 AND " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_operator", "o.oid");

/* operator class and family members, as CREATE/ALTER OPERATOR ... list items */
#define AMOP_ITEM(a)                                                                             \
    "format('OPERATOR %s %s%s', " a ".amopstrategy, " a ".amopopr::regoperator,"                   \
    " CASE WHEN " a ".amoppurpose = 'o' THEN (SELECT format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname)" \
    " FROM pg_opfamily sf JOIN pg_namespace sn ON sn.oid = sf.opfnamespace WHERE sf.oid = " a ".amopsortfamily)" \
    " ELSE '' END)"
#define AMPROC_ITEM(p)                                                                           \
    "format('FUNCTION %s (%s, %s) %s', " p ".amprocnum, format_type(" p ".amproclefttype, NULL),"  \
    " format_type(" p ".amprocrighttype, NULL), " p ".amproc::regprocedure)"
#define MEMBER_OF_CLASS(catalog, oid)                                                            \
    oid " IN (SELECT md.objid FROM pg_depend md WHERE md.classid = '" catalog "'::regclass"            \
    " AND md.refclassid = 'pg_opclass'::regclass AND md.deptype = 'i')"

static const char kOperatorFamilies[] =
    "SELECT 'pg_opfamily'::regclass::oid, f.oid, 'OPERATOR FAMILY', f.opfname, n.nspname,"
    " pg_get_userbyid(f.opfowner),"
    " format(E'CREATE OPERATOR FAMILY %I.%I USING %I;\\n', n.nspname, f.opfname, am.amname)"
    " || coalesce((SELECT format(E'ALTER OPERATOR FAMILY %I.%I USING %I ADD\\n    %s;\\n', n.nspname, f.opfname,"
    "   am.amname, string_agg(item, E',\\n    ' ORDER BY k, item)) FROM ("
    "    SELECT 1 AS k, " AMOP_ITEM("a") " AS item FROM pg_amop a WHERE a.amopfamily = f.oid"
    "     AND NOT " MEMBER_OF_CLASS("pg_amop", "a.oid")
    "    UNION ALL SELECT 2, " AMPROC_ITEM("p") " FROM pg_amproc p WHERE p.amprocfamily = f.oid"
    "     AND NOT " MEMBER_OF_CLASS("pg_amproc", "p.oid") ") loose HAVING count(*) > 0), ''),"
    " format(E'DROP OPERATOR FAMILY %I.%I USING %I;\\n', n.nspname, f.opfname, am.amname), NULL, NULL,"
    " format('OPERATOR FAMILY %I.%I USING %I', n.nspname, f.opfname, am.amname),"
    " format('OPERATOR FAMILY %s USING %s', f.opfname, am.amname), obj_description(f.oid, 'pg_opfamily'),"
    " NULL, NULL, NULL, NULL"
    " FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod"
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_opfamily", "f.oid");

static const char kOperatorClasses[] =
    "SELECT 'pg_opclass'::regclass::oid, c.oid, 'OPERATOR CLASS', c.opcname, n.nspname,"
    " pg_get_userbyid(c.opcowner),"
    " format(E'CREATE OPERATOR CLASS %I.%I\\n    %sFOR TYPE %s USING %I FAMILY %I.%I AS\\n    %s;\\n',"
    "  n.nspname, c.opcname, CASE WHEN c.opcdefault THEN 'DEFAULT ' ELSE '' END, format_type(c.opcintype, NULL),"
    "  am.amname, fn.nspname, f.opfname,"
    "  coalesce((SELECT string_agg(item, E',\\n    ' ORDER BY k, item) FROM ("
    "    SELECT 1 AS k, " AMOP_ITEM("a") " AS item FROM pg_amop a JOIN pg_depend md ON md.classid = 'pg_amop'::regclass"
    "     AND md.objid = a.oid AND md.refclassid = 'pg_opclass'::regclass AND md.refobjid = c.oid AND md.deptype = 'i'"
    "    UNION ALL SELECT 2, " AMPROC_ITEM("p") " FROM pg_amproc p JOIN pg_depend md"
    "     ON md.classid = 'pg_amproc'::regclass AND md.objid = p.oid AND md.refclassid = 'pg_opclass'::regclass"
    "     AND md.refobjid = c.oid AND md.deptype = 'i'"
    "    UNION ALL SELECT 3, 'STORAGE ' || format_type(c.opckeytype, NULL) WHERE c.opckeytype <> 0"
    /* a class without members: pg_dump's stand-in, a STORAGE clause naming the indexed type */
    "   ) items), 'STORAGE ' || format_type(c.opcintype, NULL))),"
    " format(E'DROP OPERATOR CLASS %I.%I USING %I;\\n', n.nspname, c.opcname, am.amname), NULL, NULL,"
    " format('OPERATOR CLASS %I.%I USING %I', n.nspname, c.opcname, am.amname),"
    " format('OPERATOR CLASS %s USING %s', c.opcname, am.amname), obj_description(c.oid, 'pg_opclass'),"
    " NULL, NULL, NULL, NULL"
    " FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod"
    " JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace"
    " WHERE " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_opclass", "c.oid");

static const char kLanguagesEtc[] =
    "SELECT 'pg_language'::regclass::oid, l.oid, 'PROCEDURAL LANGUAGE', l.lanname, NULL, pg_get_userbyid(l.lanowner),"
    " format(E'CREATE %sPROCEDURAL LANGUAGE %I HANDLER %s%s%s;\\n', CASE WHEN l.lanpltrusted THEN 'TRUSTED ' ELSE '' END,"
    "  l.lanname, l.lanplcallfoid::regproc, CASE WHEN l.laninline <> 0 THEN ' INLINE ' || l.laninline::regproc::text END,"
    "  CASE WHEN l.lanvalidator <> 0 THEN ' VALIDATOR ' || l.lanvalidator::regproc::text END),"
    " format(E'DROP PROCEDURAL LANGUAGE %I;\\n', l.lanname), NULL, NULL,"
    " format('LANGUAGE %I', l.lanname), 'LANGUAGE ' || l.lanname, obj_description(l.oid, 'pg_language'),"
    " 'LANGUAGE', quote_ident(l.lanname), 'LANGUAGE ' || l.lanname, l.lanacl::text"
    " FROM pg_language l WHERE " EVERYTHING " AND l.oid >= 16384 AND " NOT_MEMBER("pg_language", "l.oid")
    " UNION ALL"
    " SELECT 'pg_transform'::regclass::oid, t.oid, 'TRANSFORM',"
    " format('FOR %s LANGUAGE %s', format_type(t.trftype, NULL), l.lanname), NULL, '',"
    " format(E'CREATE TRANSFORM FOR %s LANGUAGE %I (%s);\\n', format_type(t.trftype, NULL), l.lanname, concat_ws(', ',"
    "  CASE WHEN t.trffromsql <> 0 THEN 'FROM SQL WITH FUNCTION ' || t.trffromsql::regprocedure::text END,"
    "  CASE WHEN t.trftosql <> 0 THEN 'TO SQL WITH FUNCTION ' || t.trftosql::regprocedure::text END)),"
    " format(E'DROP TRANSFORM FOR %s LANGUAGE %I;\\n', format_type(t.trftype, NULL), l.lanname), NULL, NULL,"
    " format('TRANSFORM FOR %s LANGUAGE %I', format_type(t.trftype, NULL), l.lanname),"
    " format('TRANSFORM FOR %s LANGUAGE %s', format_type(t.trftype, NULL), l.lanname),"
    " obj_description(t.oid, 'pg_transform'), NULL, NULL, NULL, NULL"
    " FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang"
    " WHERE " EVERYTHING " AND t.oid >= 16384 AND " NOT_MEMBER("pg_transform", "t.oid")
    " UNION ALL"
    " SELECT 'pg_am'::regclass::oid, a.oid, 'ACCESS METHOD', a.amname, NULL, NULL,"
    " format(E'CREATE ACCESS METHOD %I TYPE %s HANDLER %s;\\n', a.amname,"
    "  CASE a.amtype WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END, a.amhandler::regproc),"
    " format(E'DROP ACCESS METHOD %I;\\n', a.amname), NULL, NULL,"
    " format('ACCESS METHOD %I', a.amname), 'ACCESS METHOD ' || a.amname, obj_description(a.oid, 'pg_am'),"
    " NULL, NULL, NULL, NULL"
    " FROM pg_am a WHERE " EVERYTHING " AND a.oid >= 16384 AND " NOT_MEMBER("pg_am", "a.oid");

/* Reading subconninfo takes a superuser; pd_dump then warns instead, as pg_dump does. */
const char *const kSubscriptions =
    "SELECT 'pg_subscription'::regclass::oid, s.oid, 'SUBSCRIPTION', s.subname, NULL, pg_get_userbyid(s.subowner),"
    " format(E'CREATE SUBSCRIPTION %I CONNECTION %L PUBLICATION %s WITH (connect = false, slot_name = %s%s%s%s%s%s);\\n',"
    "  s.subname, s.subconninfo, (SELECT string_agg(quote_ident(p), ', ') FROM unnest(s.subpublications) p),"
    "  CASE WHEN s.subslotname IS NULL THEN 'NONE' ELSE quote_literal(s.subslotname) END,"
    "  CASE WHEN s.subbinary THEN ', binary = true' ELSE '' END,"
    "  CASE WHEN s.substream THEN ', streaming = on' ELSE '' END,"
    "  CASE WHEN s.subtwophasestate <> 'd' THEN ', two_phase = on' ELSE '' END,"
    "  CASE WHEN s.subdisableonerr THEN ', disable_on_error = true' ELSE '' END,"
    "  CASE WHEN s.subsynccommit <> 'off' THEN ', synchronous_commit = ' || quote_literal(s.subsynccommit) ELSE '' END),"
    " format(E'DROP SUBSCRIPTION %I;\\n', s.subname), NULL, NULL,"
    " format('SUBSCRIPTION %I', s.subname), 'SUBSCRIPTION ' || s.subname, obj_description(s.oid, 'pg_subscription'),"
    " NULL, NULL, NULL, NULL"
    " FROM pg_subscription s WHERE " EVERYTHING
    " AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())";

/* user-defined base types (C I/O functions outside an extension) */
#define BASE_TYPE_FILTER                                                                         \
    " t.typtype = 'b' AND " USER_NS("n") " AND " SELECTED_NS("n") " AND " NOT_MEMBER("pg_type", "t.oid")
#define TYPE_FUNC(name, col) "CASE WHEN " col " <> 0 THEN E',\\n    " name " = ' || " col "::regproc::text END"

static const char kBaseTypes[] =
    "SELECT 'pg_type'::regclass::oid, t.oid, 'TYPE', t.typname, n.nspname, pg_get_userbyid(t.typowner),"
    " format(E'CREATE TYPE %I.%I (\\n    INTERNALLENGTH = %s,\\n    INPUT = %s,\\n    OUTPUT = %s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s\\n);\\n',"
    "  n.nspname, t.typname, CASE WHEN t.typlen = -1 THEN 'variable' ELSE t.typlen::text END,"
    "  t.typinput::regproc, t.typoutput::regproc,"
    "  " TYPE_FUNC("RECEIVE", "t.typreceive") ", " TYPE_FUNC("SEND", "t.typsend") ","
    "  " TYPE_FUNC("TYPMOD_IN", "t.typmodin") ", " TYPE_FUNC("TYPMOD_OUT", "t.typmodout") ","
    "  " TYPE_FUNC("ANALYZE", "t.typanalyze") ","
    "  CASE WHEN t.typsubscript <> 0 AND (t.typelem = 0 OR t.typsubscript <> 'raw_array_subscript_handler'::regproc)"
    "   THEN E',\\n    SUBSCRIPT = ' || t.typsubscript::regproc::text END,"
    "  CASE WHEN t.typbyval THEN E',\\n    PASSEDBYVALUE' END,"
    "  E',\\n    ALIGNMENT = ' || CASE t.typalign WHEN 'c' THEN 'char' WHEN 's' THEN 'int2' WHEN 'i' THEN 'int4'"
    "   ELSE 'double' END,"
    "  E',\\n    STORAGE = ' || CASE t.typstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external'"
    "   WHEN 'm' THEN 'main' ELSE 'extended' END,"
    "  CASE WHEN t.typcategory <> 'U' THEN E',\\n    CATEGORY = ' || quote_literal(t.typcategory::text) END,"
    "  CASE WHEN t.typispreferred THEN E',\\n    PREFERRED = true' END,"
    "  CASE WHEN t.typdefault IS NOT NULL THEN E',\\n    DEFAULT = ' || quote_literal(t.typdefault) END,"
    "  CASE WHEN t.typelem <> 0 THEN E',\\n    ELEMENT = ' || format_type(t.typelem, NULL) END,"
    "  CASE WHEN t.typdelim <> ',' THEN E',\\n    DELIMITER = ' || quote_literal(t.typdelim::text) END,"
    "  CASE WHEN t.typcollation <> 0 THEN E',\\n    COLLATABLE = true' END),"
    " format(E'DROP TYPE %I.%I CASCADE;\\n', n.nspname, t.typname), NULL, NULL,"
    " format('TYPE %I.%I', n.nspname, t.typname), format('TYPE %s', t.typname), obj_description(t.oid, 'pg_type'),"
    " 'TYPE', format('%I.%I', n.nspname, t.typname), format('TYPE %s', t.typname), t.typacl::text"
    " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " BASE_TYPE_FILTER
    " UNION ALL"
    /* its shell, so that the I/O functions can be created before the type */
    " SELECT 10::oid, t.oid, 'SHELL TYPE', t.typname, n.nspname, pg_get_userbyid(t.typowner),"
    " format(E'CREATE TYPE %I.%I;\\n', n.nspname, t.typname), NULL, NULL, NULL,"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " BASE_TYPE_FILTER;

const char *const kObjectQueries[] = {kSchemas,     kExtensions, kCollations,   kTypes,   kShellTypes, kFunctions,
                                      kTables,      kViews,      kSequenceDefs, kDefaults, kConstraints,
                                      kIndexes,     kTriggers,   kPolicies,     kRules,   kStatistics,
                                      kEventTriggers, kPublications, kLargeObjects, kAggregates,
                                      kCasts, kConversions, kTextSearch, kForeignData, kOperators,
                                      kOperatorFamilies, kOperatorClasses, kLanguagesEtc, kBaseTypes};

/* base type oid, namespace oid, and each of its support functions (one row each) */
const char *const kBaseTypeFunctions =
    "SELECT t.oid, t.typnamespace, f.fn FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
    " CROSS JOIN LATERAL unnest(ARRAY[t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin,"
    "  t.typmodout, t.typanalyze, t.typsubscript]::oid[]) f(fn)"
    " WHERE f.fn <> 0 AND " BASE_TYPE_FILTER;

/* ENABLE / FORCE ROW LEVEL SECURITY of a table, after its data is loaded */
const char *const kRowSecurity =
    "SELECT c.oid, c.relname, n.nspname, pg_get_userbyid(c.relowner),"
    " CASE WHEN c.relrowsecurity THEN format(E'ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;\\n', n.nspname, c.relname)"
    "  ELSE '' END ||"
    " CASE WHEN c.relforcerowsecurity THEN format(E'ALTER TABLE ONLY %I.%I FORCE ROW LEVEL SECURITY;\\n',"
    "  n.nspname, c.relname) ELSE '' END"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND " DUMPED_REL("c", "n");

/* default privileges: oid, role, schema or NULL, object type keyword, acl */
const char *const kDefaultAcls =
    "SELECT d.oid, pg_get_userbyid(d.defaclrole), n.nspname,"
    " CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'"
    "  WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' END, d.defaclacl::text"
    " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace"
    " WHERE CASE WHEN d.defaclnamespace = 0 THEN " EVERYTHING " ELSE " SELECTED_NS("n") " END";

/*
 * A foreign key to a partitioned table needs its unique index valid, which
 * it is only once every partition's index is attached.
 */
const char *const kForeignKeyAttachDeps =
    "WITH RECURSIVE idx(fk, idx) AS ("
    " SELECT co.oid, co.conindid FROM pg_constraint co JOIN pg_class rc ON rc.oid = co.confrelid"
    " WHERE co.contype = 'f' AND rc.relkind = 'p' AND co.conparentid = 0"
    " UNION ALL SELECT idx.fk, i.inhrelid FROM idx JOIN pg_inherits i ON i.inhparent = idx.idx)"
    " SELECT fk, idx FROM idx WHERE EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = idx.idx)";

/* referencing and referenced table of every foreign key */
const char *const kForeignKeyTables =
    "SELECT conrelid, confrelid FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid";

const char *const kTableAttach =
    "SELECT c.oid, p.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner),"
    " format(E'ALTER TABLE ONLY %I.%I ATTACH PARTITION %I.%I %s;\\n', pn.nspname, p.relname, n.nspname, c.relname,"
    "  pg_get_expr(c.relpartbound, c.oid))"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent"
    " JOIN pg_namespace pn ON pn.oid = p.relnamespace"
    " WHERE c.relispartition AND " DUMPED_REL("c", "n") " AND " SELECTED_REL("p");

const char *const kIndexAttach =
    "SELECT ci.oid, pi.oid, n.nspname, ci.relname, pg_get_userbyid(ci.relowner),"
    " format(E'ALTER INDEX %I.%I ATTACH PARTITION %I.%I;\\n', pn.nspname, pi.relname, n.nspname, ci.relname)"
    " FROM pg_inherits i JOIN pg_class ci ON ci.oid = i.inhrelid JOIN pg_class pi ON pi.oid = i.inhparent"
    " JOIN pg_namespace n ON n.oid = ci.relnamespace JOIN pg_namespace pn ON pn.oid = pi.relnamespace"
    " JOIN pg_index x ON x.indexrelid = ci.oid JOIN pg_class c ON c.oid = x.indrelid"
    " WHERE ci.relkind IN ('i', 'I') AND " DUMPED_REL("c", "n")
    " AND EXISTS (SELECT 1 FROM pg_index px JOIN pg_class pc ON pc.oid = px.indrelid"
    "  WHERE px.indexrelid = pi.oid AND " SELECTED_REL("pc") ")";
const int kObjectQueryCount = sizeof(kObjectQueries) / sizeof(kObjectQueries[0]);

const char *const kRelationsToLock =
    "SELECT c.oid, format('%I.%I', n.nspname, c.relname), c.relkind"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE (c.relkind IN ('r', 'p', 'm') AND " DUMPED_REL("c", "n") ")"
    /* and the configuration tables of extensions, whose rows are dumped */
    " OR (" EVERYTHING " AND c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_extension x"
    "  WHERE x.oid >= 16384 AND c.oid = ANY (x.extconfig)))"
    " ORDER BY c.oid";

const char *const kTableData =
    "SELECT c.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner),"
    " format(E'COPY %s %sFROM stdin;\\n', CASE WHEN $6 AND c.relispartition"
    "   THEN pg_partition_root(c.oid)::regclass::text ELSE format('%I.%I', n.nspname, c.relname) END,"
    "  '(' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a"
    "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') || ') '),"
    " (SELECT count(*) FROM pg_attribute a"
    "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''),"
    " pg_relation_size(c.oid) + coalesce(pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0),"
    " format('%I.%I', n.nspname, c.relname)"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relkind = 'r' AND " DUMPED_REL("c", "n") " AND NOT c.oid = ANY ($5)";

/*
 * Rows of extensions' configuration tables (pg_extension_config_dump): the
 * extension is restored by CREATE EXTENSION, the rows its users added by
 * these data entries.  Same columns as kTableData plus the filter condition.
 */
const char *const kExtensionConfigData =
    "SELECT c.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner),"
    " format(E'COPY %I.%I %sFROM stdin;\\n', n.nspname, c.relname,"
    "  '(' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a"
    "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') || ') '),"
    " (SELECT count(*) FROM pg_attribute a"
    "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''),"
    " pg_relation_size(c.oid) + coalesce(pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0),"
    " format('%I.%I', n.nspname, c.relname), cfg.cond"
    " FROM pg_extension x CROSS JOIN LATERAL unnest(x.extconfig, x.extcondition) cfg(rel, cond)"
    " JOIN pg_class c ON c.oid = cfg.rel JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE " EVERYTHING " AND x.oid >= 16384 AND c.relkind = 'r' AND NOT c.oid = ANY ($5)";

/* identity sequences included: their values are restored too */
const char *const kSequences =
    "SELECT c.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner), format('%I.%I', n.nspname, c.relname)"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relkind = 'S' AND " USER_NS("n") " AND (c.oid NOT IN (SELECT e.objid FROM pg_depend e"
    "  WHERE e.classid = 'pg_class'::regclass AND e.deptype = 'e')"
    /* an extension's sequences marked for dumping keep their values */
    "  OR EXISTS (SELECT 1 FROM pg_extension x WHERE c.oid = ANY (x.extconfig)))";

const char *const kSequenceOwnedBy =
    "SELECT c.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner),"
    " format(E'ALTER SEQUENCE %I.%I OWNED BY %I.%I.%I;\\n', n.nspname, c.relname, tn.nspname, t.relname, a.attname),"
    " t.oid"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
    "  AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'"
    " JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
    " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
    " WHERE c.relkind = 'S' AND " USER_NS("n") " AND " NOT_MEMBER("pg_class", "c.oid");

const char *const kMatviewRefresh =
    "SELECT c.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner),"
    " format(E'REFRESH MATERIALIZED VIEW %I.%I;\\n', n.nspname, c.relname)"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relkind = 'm' AND c.relispopulated AND " DUMPED_REL("c", "n");

const char *const kColumnExtras =
    "SELECT c.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner), quote_ident(a.attname), a.attname,"
    " col_description(c.oid, a.attnum), a.attacl::text, c.relkind"
    " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND " USER_NS("n")
    " AND (a.attacl IS NOT NULL OR col_description(c.oid, a.attnum) IS NOT NULL)";

const char *const kConstraintComments =
    "SELECT CASE WHEN co.conrelid <> 0 THEN 'pg_class'::regclass::oid ELSE 'pg_type'::regclass::oid END,"
    " CASE WHEN co.conrelid <> 0 THEN co.conrelid ELSE co.contypid END,"
    " CASE WHEN co.conrelid <> 0 THEN format('CONSTRAINT %I ON %I.%I', co.conname, n.nspname, c.relname)"
    "  ELSE format('CONSTRAINT %I ON DOMAIN %I.%I', co.conname, tn.nspname, t.typname) END,"
    " 'CONSTRAINT ' || co.conname, coalesce(n.nspname, tn.nspname),"
    " pg_get_userbyid(coalesce(c.relowner, t.typowner)), obj_description(co.oid, 'pg_constraint')"
    " FROM pg_constraint co LEFT JOIN pg_class c ON c.oid = co.conrelid"
    " LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_type t ON t.oid = co.contypid LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace"
    " WHERE co.contype = 'c' AND (co.contypid <> 0 OR co.convalidated)"
    " AND obj_description(co.oid, 'pg_constraint') IS NOT NULL"
    /* the comment of the index behind a primary key, unique or exclusion constraint */
    " UNION ALL"
    " SELECT 'pg_constraint'::regclass::oid, co.oid, format('INDEX %I.%I', n.nspname, ic.relname), 'INDEX ' || ic.relname,"
    " n.nspname, pg_get_userbyid(c.relowner), obj_description(ic.oid, 'pg_class')"
    " FROM pg_constraint co JOIN pg_class ic ON ic.oid = co.conindid JOIN pg_class c ON c.oid = co.conrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE co.contype IN ('p', 'u', 'x') AND obj_description(ic.oid, 'pg_class') IS NOT NULL";

/* what initdb or CREATE EXTENSION gave an object (subid 0) or a column */
#define INIT_PRIVS_OF(catalog, oid, subid)                                                        \
    "(SELECT ip.initprivs::text FROM pg_init_privs ip WHERE ip.classoid = '" catalog "'::regclass"  \
    " AND ip.objoid = " oid " AND ip.objsubid = " subid ")"
#define INIT_PRIVS(catalog, oid) INIT_PRIVS_OF(catalog, oid, "0")
#define MEMBER_ACL(catalog, oid, acl)                                                           \
    " " oid " IN (SELECT e.objid FROM pg_depend e WHERE e.classid = '" catalog "'::regclass"             \
    " AND e.deptype = 'e') AND " acl " IS NOT NULL AND " acl " IS DISTINCT FROM (SELECT ip.initprivs"   \
    " FROM pg_init_privs ip WHERE ip.classoid = '" catalog "'::regclass AND ip.objoid = " oid           \
    " AND ip.objsubid = 0)"

const char *const kExtensionMemberAcls =
    "SELECT 'pg_proc'::regclass::oid, p.oid, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,"
    " format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),"
    " format('FUNCTION %s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), n.nspname,"
    " pg_get_userbyid(p.proowner), p.proacl::text, " INIT_PRIVS("pg_proc", "p.oid")
    " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
    " WHERE " MEMBER_ACL("pg_proc", "p.oid", "p.proacl")
    " UNION ALL"
    " SELECT 'pg_class'::regclass::oid, c.oid, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,"
    " format('%I.%I', n.nspname, c.relname), format('TABLE %s', c.relname), n.nspname,"
    " pg_get_userbyid(c.relowner), c.relacl::text, " INIT_PRIVS("pg_class", "c.oid")
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE " MEMBER_ACL("pg_class", "c.oid", "c.relacl")
    " UNION ALL"
    " SELECT 'pg_type'::regclass::oid, t.oid, 'TYPE', format('%I.%I', n.nspname, t.typname),"
    " format('TYPE %s', t.typname), n.nspname, pg_get_userbyid(t.typowner), t.typacl::text, "
    INIT_PRIVS("pg_type", "t.oid")
    " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
    " WHERE " MEMBER_ACL("pg_type", "t.oid", "t.typacl");

/*
 * Privileges changed on pg_catalog itself and its objects since initdb (the
 * base is pg_init_privs, else the built-in default), dumped like pg_dump's
 * when no -n/-t narrows the dump.  Same columns as kExtensionMemberAcls plus
 * the quoted column for column privileges ('' for a whole object).
 */
#define CATALOG_ACL(catalog, oid, subid, acl)                                                   \
    acl " IS NOT NULL AND " acl "::text IS DISTINCT FROM " INIT_PRIVS_OF(catalog, oid, subid)
const char *const kCatalogAcls =
    "SELECT 'pg_namespace'::regclass::oid, n.oid, 'SCHEMA', 'pg_catalog', 'SCHEMA pg_catalog', NULL,"
    " pg_get_userbyid(n.nspowner), n.nspacl::text, " INIT_PRIVS("pg_namespace", "n.oid") ", ''"
    " FROM pg_namespace n WHERE " EVERYTHING " AND n.nspname = 'pg_catalog' AND " CATALOG_ACL("pg_namespace", "n.oid", "0", "n.nspacl")
    " UNION ALL"
    " SELECT 'pg_proc'::regclass::oid, p.oid, k.kind, format('pg_catalog.%I(%s)', p.proname, k.args),"
    " format('%s %s(%s)', k.kind, p.proname, k.args), 'pg_catalog',"
    " pg_get_userbyid(p.proowner), p.proacl::text, " INIT_PRIVS("pg_proc", "p.oid") ", ''"
    " FROM pg_proc p CROSS JOIN LATERAL (SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind,"
    "  pg_get_function_identity_arguments(p.oid) AS args) k WHERE " EVERYTHING " AND p.pronamespace = 'pg_catalog'::regnamespace"
    " AND " NOT_MEMBER("pg_proc", "p.oid") " AND " CATALOG_ACL("pg_proc", "p.oid", "0", "p.proacl")
    " UNION ALL"
    " SELECT 'pg_class'::regclass::oid, c.oid, k.kind, format('pg_catalog.%I', c.relname),"
    " format('%s %s', k.kind, c.relname), 'pg_catalog', pg_get_userbyid(c.relowner), c.relacl::text, "
    INIT_PRIVS("pg_class", "c.oid") ", ''"
    " FROM pg_class c CROSS JOIN LATERAL (SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind) k"
    " WHERE " EVERYTHING " AND c.relnamespace = 'pg_catalog'::regnamespace"
    " AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p') AND " NOT_MEMBER("pg_class", "c.oid") " AND " CATALOG_ACL("pg_class", "c.oid", "0", "c.relacl")
    " UNION ALL"
    " SELECT 'pg_class'::regclass::oid, c.oid, 'TABLE', format('pg_catalog.%I', c.relname),"
    " format('COLUMN %s.%s', c.relname, a.attname), 'pg_catalog', pg_get_userbyid(c.relowner), a.attacl::text, "
    INIT_PRIVS_OF("pg_class", "c.oid", "a.attnum") ", quote_ident(a.attname)"
    " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
    " WHERE " EVERYTHING " AND c.relnamespace = 'pg_catalog'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped"
    " AND " CATALOG_ACL("pg_class", "c.oid", "a.attnum", "a.attacl")
    " UNION ALL"
    " SELECT 'pg_type'::regclass::oid, t.oid, 'TYPE', format('pg_catalog.%I', t.typname), format('TYPE %s', t.typname),"
    " 'pg_catalog', pg_get_userbyid(t.typowner), t.typacl::text, " INIT_PRIVS("pg_type", "t.oid") ", ''"
    " FROM pg_type t WHERE " EVERYTHING " AND t.typnamespace = 'pg_catalog'::regnamespace"
    " AND " NOT_MEMBER("pg_type", "t.oid") " AND " CATALOG_ACL("pg_type", "t.oid", "0", "t.typacl")
    " ORDER BY 1, 2, 10";

const char *const kDependencies =
    "SELECT classid, objid, refclassid, refobjid FROM pg_depend"
    " WHERE (deptype IN ('n', 'a')"
    /* a partition's copy of a trigger comes after the parent's trigger */
    "  OR (deptype = 'P' AND classid = 'pg_trigger'::regclass)) AND objid >= 16384 AND refobjid >= 16384";

const char *const kAliases =
    "SELECT classid, objid, refclassid, refobjid FROM pg_depend"
    " WHERE deptype IN ('i', 'e') AND objid >= 16384"
    " UNION ALL SELECT 'pg_constraint'::regclass, oid, 'pg_type'::regclass, contypid"
    "  FROM pg_constraint WHERE contypid <> 0"
    " UNION ALL SELECT 'pg_constraint'::regclass, oid, 'pg_class'::regclass, conrelid"
    "  FROM pg_constraint WHERE conrelid <> 0 AND contype = 'c' AND convalidated"
    " UNION ALL SELECT 'pg_amop'::regclass, a.oid, 'pg_opfamily'::regclass, a.amopfamily FROM pg_amop a"
    "  WHERE a.oid >= 16384 AND NOT " MEMBER_OF_CLASS("pg_amop", "a.oid")
    " UNION ALL SELECT 'pg_amproc'::regclass, p.oid, 'pg_opfamily'::regclass, p.amprocfamily FROM pg_amproc p"
    "  WHERE p.oid >= 16384 AND NOT " MEMBER_OF_CLASS("pg_amproc", "p.oid")
    " UNION ALL SELECT 'pg_attrdef'::regclass, d.oid, 'pg_class'::regclass, d.adrelid"
    "  FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
    "  WHERE a.attgenerated <> ''";

/*
 * Security labels of the database's objects: parent classid, parent objid,
 * statement, tag.  pg_identify_object names the object as SECURITY LABEL
 * wants it; labels on columns follow their table.
 */
const char *const kSecurityLabels =
    "SELECT l.classoid, l.objoid,"
    " format(E'SECURITY LABEL FOR %I ON %s %s IS %L;\\n', l.provider,"
    "  CASE o.type WHEN 'table column' THEN 'COLUMN' WHEN 'view column' THEN 'COLUMN'"
    "   WHEN 'materialized view column' THEN 'COLUMN' WHEN 'foreign table column' THEN 'COLUMN'"
    "   ELSE upper(o.type) END, o.identity, l.label),"
    " upper(o.type) || ' ' || o.identity"
    " FROM pg_seclabel l CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) o";


} // namespace pd_sql
