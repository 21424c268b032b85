-- Text search templates, as dumpTSTemplate writes them (no owner: templates have none).
-- Returns: an object row (README.md)
SELECT 'pg_ts_template'::regclass::oid AS classid, t.oid AS objid, 'TEXT SEARCH TEMPLATE' AS kind, t.tmplname AS tag,
    n.nspname AS schema, NULL AS owner,
    format(E'CREATE TEXT SEARCH TEMPLATE %I.%I (\n%s    LEXIZE = %s );\n', n.nspname, t.tmplname,
        CASE WHEN t.tmplinit <> 0 THEN E'    INIT = ' || t.tmplinit::regproc::text || E',\n' END,
        t.tmpllexize::regproc) AS defn,
    format(E'DROP TEXT SEARCH TEMPLATE %I.%I;\n', n.nspname, t.tmplname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('TEXT SEARCH TEMPLATE %I.%I', n.nspname, t.tmplname) AS comment_target,
    format('TEXT SEARCH TEMPLATE %I', t.tmplname) AS comment_tag, obj_description(t.oid, 'pg_ts_template') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_ts_template') m WHERE m.objid = t.oid);
