-- Sequences; one owned by a dumped table is dumped with it, as pg_dump does (identity sequences
-- are part of their column: tables.sql).
-- Returns: an object row (README.md)
SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid, 'SEQUENCE' AS kind, c.relname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    format(E'CREATE %sSEQUENCE %I.%I\n    AS %s\n    START WITH %s\n    INCREMENT BY %s\n    MINVALUE %s\n    MAXVALUE %s\n    CACHE %s%s;\n',
        CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, n.nspname, c.relname,
        format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
        CASE WHEN s.seqcycle THEN E'\n    CYCLE' ELSE '' END) AS defn,
    format(E'DROP SEQUENCE %I.%I;\n', n.nspname, c.relname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('SEQUENCE %I.%I', n.nspname, c.relname) AS comment_target,
    format('SEQUENCE %s', c.relname) AS comment_tag, obj_description(c.oid, 'pg_class') AS comment,
    'SEQUENCE' AS acl_kind, format('%I.%I', n.nspname, c.relname) AS acl_name,
    format('SEQUENCE %s', c.relname) AS acl_tag, c.relacl::text AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
WHERE c.relkind = 'S' AND pd_user_schema(n.nspname)
  AND c.oid NOT IN (SELECT objid FROM pd_member_objects('pg_class'))
  AND (pd_selected_relation(c.oid, c.relnamespace, $1, $2, $4)
       OR c.oid IN (SELECT d.objid FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                      AND d.deptype = 'a' AND pd_selected_relation(t.oid, t.relnamespace, $1, $2, $4)))
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i');
