-- Transforms the user created, tagged as dumpTransform ("TRANSFORM FOR type LANGUAGE l", no owner).
-- Returns: an object row (README.md)
SELECT 'pg_transform'::regclass::oid AS classid, t.oid AS objid, 'TRANSFORM' AS kind,
    format('TRANSFORM FOR %s LANGUAGE %I', format_type(t.trftype, NULL), l.lanname) AS tag, NULL AS schema,
    NULL AS owner,
    format(E'CREATE TRANSFORM FOR %s LANGUAGE %I (%s);\n', format_type(t.trftype, NULL), l.lanname, concat_ws(', ',
        CASE WHEN t.trffromsql <> 0 THEN 'FROM SQL WITH FUNCTION ' || t.trffromsql::regprocedure::text END,
        CASE WHEN t.trftosql <> 0 THEN 'TO SQL WITH FUNCTION ' || t.trftosql::regprocedure::text END)) AS defn,
    format(E'DROP TRANSFORM FOR %s LANGUAGE %I;\n', format_type(t.trftype, NULL), l.lanname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('TRANSFORM FOR %s LANGUAGE %I', format_type(t.trftype, NULL), l.lanname) AS comment_target,
    format('TRANSFORM FOR %s LANGUAGE %I', format_type(t.trftype, NULL), l.lanname) AS comment_tag,
    obj_description(t.oid, 'pg_transform') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
WHERE $3 AND t.oid >= 16384 AND t.oid NOT IN (SELECT objid FROM pd_member_objects('pg_transform'));
