-- Text search parsers, as dumpTSParser writes them (HEADLINE before LEXTYPES; no owner).
-- Returns: an object row (README.md)
SELECT 'pg_ts_parser'::regclass::oid AS classid, p.oid AS objid, 'TEXT SEARCH PARSER' AS kind, p.prsname AS tag,
    n.nspname AS schema, NULL AS owner,
    format(E'CREATE TEXT SEARCH PARSER %I.%I (\n    START = %s,\n    GETTOKEN = %s,\n    END = %s,\n%s    LEXTYPES = %s );\n',
        n.nspname, p.prsname, p.prsstart::regproc, p.prstoken::regproc, p.prsend::regproc,
        CASE WHEN p.prsheadline <> 0 THEN E'    HEADLINE = ' || p.prsheadline::regproc::text || E',\n' END,
        p.prslextype::regproc) AS defn,
    format(E'DROP TEXT SEARCH PARSER %I.%I;\n', n.nspname, p.prsname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('TEXT SEARCH PARSER %I.%I', n.nspname, p.prsname) AS comment_target,
    format('TEXT SEARCH PARSER %I', p.prsname) AS comment_tag, obj_description(p.oid, 'pg_ts_parser') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_ts_parser') m WHERE m.objid = p.oid);
