-- Casts the user created (no owner, as pg_dump's CAST entries).
-- Returns: an object row (README.md), plus sort_name (what pg_dump sorts it by)
SELECT 'pg_cast'::regclass::oid AS classid, c.oid AS objid, 'CAST' AS kind,
    format('CAST (%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)) AS tag,
    NULL AS schema, NULL AS owner,
    format(E'CREATE CAST (%s AS %s) %s%s;\n', format_type(c.castsource, NULL), format_type(c.casttarget, NULL),
        CASE c.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || c.castfunc::regprocedure::text
             WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END,
        CASE c.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END) AS defn,
    format(E'DROP CAST (%s AS %s);\n', format_type(c.castsource, NULL), format_type(c.casttarget, NULL))
        AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('CAST (%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)) AS comment_target,
    format('CAST (%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)) AS comment_tag,
    obj_description(c.oid, 'pg_cast') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    -- getCasts' name, for sorting: the two type names
    (SELECT s.typname || ' ' || t.typname FROM pg_type s, pg_type t WHERE s.oid = c.castsource AND t.oid = c.casttarget)
        AS sort_name
FROM pg_cast c
WHERE $3 AND c.oid >= 16384 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_cast') m WHERE m.objid = c.oid);
