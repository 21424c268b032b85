-- Foreign servers.
-- Returns: an object row (README.md)
SELECT 'pg_foreign_server'::regclass::oid AS classid, s.oid AS objid, 'SERVER' AS kind, s.srvname AS tag,
    NULL AS schema, pg_get_userbyid(s.srvowner) AS owner,
    format(E'CREATE SERVER %I%s%s FOREIGN DATA WRAPPER %I%s;\n', s.srvname,
        CASE WHEN s.srvtype IS NOT NULL THEN ' TYPE ' || ('''' || replace(s.srvtype, '''', '''''') || '''') ELSE '' END,
        CASE WHEN s.srvversion IS NOT NULL THEN ' VERSION ' || ('''' || replace(s.srvversion, '''', '''''') || '''') ELSE '' END,
        w.fdwname, (SELECT clause FROM pd_fdw_options(s.srvoptions))) AS defn,
    format(E'DROP SERVER %I;\n', s.srvname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('SERVER %I', s.srvname) AS comment_target, format('SERVER %I', s.srvname) AS comment_tag,
    obj_description(s.oid, 'pg_foreign_server') AS comment,
    'FOREIGN SERVER' AS acl_kind, quote_ident(s.srvname) AS acl_name, format('FOREIGN SERVER %I', s.srvname) AS acl_tag,
    s.srvacl::text AS acl
FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE $3 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_foreign_server') m WHERE m.objid = s.oid);
