-- Objects pg_dump collects and sorts but does not dump under this selection, where they can move
-- objects it dumps: every DumpableObject takes part in pg_dump's sort, dumped or not, and one that
-- depends on a dumped object placed later in the name order pulls it forward (a cast left out by -n
-- pulls its function up among the casts; a function of another schema taking a dumped table's row
-- type pulls the table up among the functions).  pd_dump sorts them too and writes no entry for them.
-- With -n or -t ($3 false): the languages, casts and transforms the user created.  In the user
-- schemas the selection leaves out (-n, -N, -t, -T): functions, procedures, aggregates, types (not
-- base types), domains and relations (a sequence only when no table owns it).  Post-data kinds and
-- the rest (operators, text search objects, ...) are not read: their dependencies rarely reach
-- dumped objects.
-- And, whatever the selection, the index of a dumped partition's constraint that is attached to its
-- parent's index: pg_dump's IndxInfo of it is dumped as the constraint but sorts as an index, so
-- its dependency on the parent's index pulls that among the indexes, not before the constraint.
-- kind: the TOC desc they would have; sort_name, sort_ties: as the object queries give them.
-- Returns: classid oid, objid oid, kind text, schema text, sort_name text, sort_ties text[]
SELECT 'pg_language'::regclass::oid AS classid, l.oid AS objid, 'PROCEDURAL LANGUAGE' AS kind, NULL::text AS schema,
    l.lanname::text AS sort_name, NULL::text[] AS sort_ties
FROM pg_language l
WHERE NOT $3 AND l.oid >= 16384 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_language') m WHERE m.objid = l.oid)
UNION ALL
-- getCasts' name: the two type names (as casts.sql)
SELECT 'pg_cast'::regclass::oid, c.oid, 'CAST', NULL,
    (SELECT s.typname || ' ' || t.typname FROM pg_type s, pg_type t WHERE s.oid = c.castsource AND t.oid = c.casttarget),
    NULL
FROM pg_cast c
WHERE NOT $3 AND c.oid >= 16384 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_cast') m WHERE m.objid = c.oid)
UNION ALL
-- getTransforms' name: type and language names (as transforms.sql)
SELECT 'pg_transform'::regclass::oid, t.oid, 'TRANSFORM', NULL,
    (SELECT typname FROM pg_type WHERE oid = t.trftype) || ' ' || l.lanname, NULL
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
WHERE NOT $3 AND t.oid >= 16384 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_transform') m WHERE m.objid = t.oid)
UNION ALL
-- functions, procedures, aggregates: sorted by name, then argument count and types (as functions.sql)
SELECT 'pg_proc'::regclass::oid, p.oid,
    CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, n.nspname::text,
    p.proname::text, ARRAY[lpad(p.pronargs::text, 3, '0')] || ARRAY(
        SELECT v.name FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i)
        JOIN pg_type st ON st.oid = a.t JOIN pg_namespace sn ON sn.oid = st.typnamespace
        CROSS JOIN LATERAL unnest(ARRAY[sn.nspname::text, st.typname::text]) WITH ORDINALITY v(name, j)
        ORDER BY a.i, v.j)
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE NOT pd_selected_schema(n.oid, $1) AND pd_user_schema(n.nspname)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_proc') m WHERE m.objid = p.oid)
  AND p.prokind IN ('f', 'p', 'w', 'a')
UNION ALL
-- types and domains (as types.sql; a table's row type is folded into its table; not base types, which
-- need shell types to break their loops with their I/O functions)
SELECT 'pg_type'::regclass::oid, t.oid, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname::text,
    t.typname::text, NULL
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE NOT pd_selected_schema(n.oid, $1) AND pd_user_schema(n.nspname)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid)
  AND (t.typtype IN ('e', 'r', 'd')
       OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
UNION ALL
-- relations the selection leaves out; a sequence a table owns goes with its table (sequences.sql)
SELECT 'pg_class'::regclass::oid, c.oid,
    CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                   WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname::text, c.relname::text, NULL
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND pd_user_schema(n.nspname)
  AND NOT pd_selected_relation(c.oid, c.relnamespace, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d
                                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                         AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
UNION ALL
SELECT 'pg_class'::regclass::oid, ic.oid, 'INDEX', n.nspname::text, ic.relname::text, NULL
FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = ic.oid
                                        AND d.refclassid = 'pg_constraint'::regclass AND d.deptype = 'i')
  AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = ic.oid AND d.deptype = 'P');
