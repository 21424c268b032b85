-- Encoding conversions.
-- Returns: an object row (README.md)
SELECT 'pg_conversion'::regclass::oid AS classid, c.oid AS objid, 'CONVERSION' AS kind, c.conname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.conowner) AS owner,
    format(E'CREATE %sCONVERSION %I.%I FOR \'%s\' TO \'%s\' FROM %s;\n', CASE WHEN c.condefault THEN 'DEFAULT ' ELSE '' END,
           n.nspname, c.conname, pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding),
           c.conproc::regproc) AS defn,
    format(E'DROP CONVERSION %I.%I;\n', n.nspname, c.conname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('CONVERSION %I.%I', n.nspname, c.conname) AS comment_target,
    format('CONVERSION %I', c.conname) AS comment_tag, obj_description(c.oid, 'pg_conversion') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_conversion') m WHERE m.objid = c.oid);
