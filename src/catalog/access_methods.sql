-- Access methods the user created.
-- Returns: an object row (README.md)
SELECT 'pg_am'::regclass::oid AS classid, a.oid AS objid, 'ACCESS METHOD' AS kind, a.amname AS tag,
    NULL AS schema, NULL AS owner,
    format(E'CREATE ACCESS METHOD %I TYPE %s HANDLER %s;\n', a.amname,
           CASE a.amtype WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END, a.amhandler::regproc) AS defn,
    format(E'DROP ACCESS METHOD %I;\n', a.amname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('ACCESS METHOD %I', a.amname) AS comment_target, format('ACCESS METHOD %I', a.amname) AS comment_tag,
    obj_description(a.oid, 'pg_am') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_am a
WHERE $3 AND a.oid >= 16384 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_am') m WHERE m.objid = a.oid);
