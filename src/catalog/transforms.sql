-- Transforms the user created, tagged as dumpTransform ("TRANSFORM FOR type LANGUAGE l", no owner).
-- Returns: an object row (README.md), plus sort_name (what pg_dump sorts it by)
SELECT 'pg_transform'::regclass::oid AS classid, t.oid AS objid, 'TRANSFORM' AS kind,
    format('TRANSFORM FOR %s LANGUAGE %I', format_type(t.trftype, NULL), l.lanname) AS tag, NULL AS schema,
    NULL AS owner,
    format(E'CREATE TRANSFORM FOR %s LANGUAGE %I (%s);\n', format_type(t.trftype, NULL), l.lanname, concat_ws(', ',
        'FROM SQL WITH FUNCTION ' || fn.from_sql, 'TO SQL WITH FUNCTION ' || fn.to_sql)) AS defn,
    format(E'DROP TRANSFORM FOR %s LANGUAGE %I;\n', format_type(t.trftype, NULL), l.lanname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('TRANSFORM FOR %s LANGUAGE %I', format_type(t.trftype, NULL), l.lanname) AS comment_target,
    format('TRANSFORM FOR %s LANGUAGE %I', format_type(t.trftype, NULL), l.lanname) AS comment_tag,
    obj_description(t.oid, 'pg_transform') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    -- getTransforms' name, for sorting: type and language names
    (SELECT typname FROM pg_type WHERE oid = t.trftype) || ' ' || l.lanname AS sort_name
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
-- dumpTransform: each function schema-qualified (pg_catalog too), its argument types as format_type prints them
CROSS JOIN LATERAL (
    SELECT max(f.sig) FILTER (WHERE w.which = 1) AS from_sql, max(f.sig) FILTER (WHERE w.which = 2) AS to_sql
    FROM (VALUES (1, t.trffromsql), (2, t.trftosql)) w(which, fid)
    CROSS JOIN LATERAL (SELECT format('%I.%I(%s)', pn.nspname, p.proname,
                                      (SELECT coalesce(string_agg(format_type(a.t, NULL), ', ' ORDER BY a.i), '')
                                       FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i))) AS sig
                        FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE p.oid = w.fid) f) fn
WHERE $3 AND t.oid >= 16384 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_transform') m WHERE m.objid = t.oid);
