-- User mappings of foreign servers.
-- Returns: an object row (README.md)
SELECT 'pg_user_mapping'::regclass::oid AS classid, u.umid AS objid, 'USER MAPPING' AS kind,
    'USER MAPPING ' || coalesce(u.usename, 'public') || ' SERVER ' || u.srvname AS tag, NULL AS schema,
    pg_get_userbyid(s.srvowner) AS owner,
    format(E'CREATE USER MAPPING FOR %s SERVER %I%s;\n',
        quote_ident(u.usename), u.srvname, o.clause) AS defn,
    format(E'DROP USER MAPPING FOR %s SERVER %I;\n',
        quote_ident(u.usename), u.srvname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam, NULL AS comment_target, NULL AS comment_tag, NULL AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_user_mappings u JOIN pg_foreign_server s ON s.oid = u.srvid
-- (in FROM: the view's umoptions holds a subquery, and a fragment is not inlined where its argument does)
CROSS JOIN LATERAL pd_fdw_options(u.umoptions) o
WHERE $3;
