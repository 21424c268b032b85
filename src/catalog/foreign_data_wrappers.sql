-- Foreign-data wrappers the user created.
-- Returns: an object row (README.md)
SELECT 'pg_foreign_data_wrapper'::regclass::oid AS classid, w.oid AS objid, 'FOREIGN DATA WRAPPER' AS kind,
    w.fdwname AS tag, NULL AS schema, pg_get_userbyid(w.fdwowner) AS owner,
    format(E'CREATE FOREIGN DATA WRAPPER %I%s%s%s;\n', w.fdwname,
        CASE WHEN w.fdwhandler <> 0 THEN ' HANDLER ' || w.fdwhandler::regproc::text ELSE '' END,
        CASE WHEN w.fdwvalidator <> 0 THEN ' VALIDATOR ' || w.fdwvalidator::regproc::text ELSE '' END,
        (SELECT clause FROM pd_fdw_options(w.fdwoptions))) AS defn,
    format(E'DROP FOREIGN DATA WRAPPER %I;\n', w.fdwname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('FOREIGN DATA WRAPPER %I', w.fdwname) AS comment_target,
    format('FOREIGN DATA WRAPPER %I', w.fdwname) AS comment_tag, obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment,
    'FOREIGN DATA WRAPPER' AS acl_kind, quote_ident(w.fdwname) AS acl_name,
    format('FOREIGN DATA WRAPPER %I', w.fdwname) AS acl_tag, w.fdwacl::text AS acl
FROM pg_foreign_data_wrapper w
WHERE $3 AND w.oid >= 16384
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_foreign_data_wrapper') m WHERE m.objid = w.oid);
