-- Procedural languages the user created.
-- Returns: an object row (README.md)
SELECT 'pg_language'::regclass::oid AS classid, l.oid AS objid, 'PROCEDURAL LANGUAGE' AS kind, l.lanname AS tag,
    NULL AS schema, pg_get_userbyid(l.lanowner) AS owner,
    format(E'CREATE %sPROCEDURAL LANGUAGE %I HANDLER %s%s%s;\n', CASE WHEN l.lanpltrusted THEN 'TRUSTED ' ELSE '' END,
        l.lanname, l.lanplcallfoid::regproc,
        CASE WHEN l.laninline <> 0 THEN ' INLINE ' || l.laninline::regproc::text END,
        CASE WHEN l.lanvalidator <> 0 THEN ' VALIDATOR ' || l.lanvalidator::regproc::text END) AS defn,
    format(E'DROP PROCEDURAL LANGUAGE %I;\n', l.lanname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('LANGUAGE %I', l.lanname) AS comment_target, 'LANGUAGE ' || l.lanname AS comment_tag,
    obj_description(l.oid, 'pg_language') AS comment,
    'LANGUAGE' AS acl_kind, quote_ident(l.lanname) AS acl_name, 'LANGUAGE ' || l.lanname AS acl_tag,
    l.lanacl::text AS acl
FROM pg_language l
WHERE $3 AND l.oid >= 16384 AND l.oid NOT IN (SELECT objid FROM pd_member_objects('pg_language'));
