-- Collations.
-- Returns: an object row (README.md)
SELECT 'pg_collation'::regclass::oid AS classid, co.oid AS objid, 'COLLATION' AS kind, co.collname AS tag,
    n.nspname AS schema, pg_get_userbyid(co.collowner) AS owner,
    format(E'CREATE COLLATION %I.%I (%s);\n', n.nspname, co.collname, concat_ws(', ',
        'provider = ' || CASE co.collprovider WHEN 'i' THEN 'icu' ELSE 'libc' END,
        CASE WHEN NOT co.collisdeterministic THEN 'deterministic = false' END,
        CASE WHEN co.collprovider = 'i' THEN 'locale = ' || ('''' || replace(co.colliculocale, '''', '''''') || '''')
             WHEN co.collcollate = co.collctype THEN 'locale = ' || ('''' || replace(co.collcollate, '''', '''''') || '''')
             ELSE 'lc_collate = ' || ('''' || replace(co.collcollate, '''', '''''') || '''') || ', lc_ctype = ' || ('''' || replace(co.collctype, '''', '''''') || '''')
        END)) AS defn,
    format(E'DROP COLLATION %I.%I;\n', n.nspname, co.collname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('COLLATION %I.%I', n.nspname, co.collname) AS comment_target,
    format('COLLATION %I', co.collname) AS comment_tag, obj_description(co.oid, 'pg_collation') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_collation') m WHERE m.objid = co.oid);
