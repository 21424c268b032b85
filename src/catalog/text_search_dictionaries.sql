-- Text search dictionaries.
-- Returns: an object row (README.md)
SELECT 'pg_ts_dict'::regclass::oid AS classid, d.oid AS objid, 'TEXT SEARCH DICTIONARY' AS kind, d.dictname AS tag,
    n.nspname AS schema, pg_get_userbyid(d.dictowner) AS owner,
    (SELECT format(E'CREATE TEXT SEARCH DICTIONARY %I.%I (\n    TEMPLATE = %I.%I%s );\n', n.nspname,
                   d.dictname, tn.nspname, t.tmplname,
                   CASE WHEN d.dictinitoption IS NOT NULL THEN E',\n    ' || d.dictinitoption END)
     FROM pg_ts_template t JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = d.dicttemplate) AS defn,
    format(E'DROP TEXT SEARCH DICTIONARY %I.%I;\n', n.nspname, d.dictname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('TEXT SEARCH DICTIONARY %I.%I', n.nspname, d.dictname) AS comment_target,
    format('TEXT SEARCH DICTIONARY %I', d.dictname) AS comment_tag, obj_description(d.oid, 'pg_ts_dict') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_ts_dict') m WHERE m.objid = d.oid);
