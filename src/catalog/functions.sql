-- Functions and procedures (aggregates: aggregates.sql), written as pg_dump's
-- dumpFunc writes them: CREATE FUNCTION (never OR REPLACE), the attributes on
-- one line after LANGUAGE, default COST/ROWS left out, one SET line per setting,
-- the body dollar-quoted as appendStringLiteralDQ ($$, $_$, $_X$, ...), or the
-- SQL-standard body.  The entry's tag lists the argument types only
-- (format_function_signature); COMMENT and ACL tags the identity arguments.
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_proc'::regclass::oid AS classid, p.oid AS objid, k.kind,
    format('%s(%s)', p.proname,
           (SELECT coalesce(string_agg(format_type(a.t, NULL), ', ' ORDER BY a.i), '')
            FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i))) AS tag,
    n.nspname AS schema, pg_get_userbyid(p.proowner) AS owner,
    format(E'CREATE %s %I.%s%s\n    LANGUAGE %I%s%s%s%s%s%s%s%s%s%s%s\n    %s;\n',
        k.kind, n.nspname, k.fullsig,
        CASE WHEN p.prokind <> 'p' THEN ' RETURNS ' || pg_get_function_result(p.oid) END,
        l.lanname,
        (SELECT ' TRANSFORM ' || string_agg('FOR TYPE ' || format_type(tt.t, NULL), ', ' ORDER BY tt.i)
         FROM unnest(p.protrftypes) WITH ORDINALITY tt(t, i)),
        CASE WHEN p.prokind = 'w' THEN ' WINDOW' END,
        CASE p.provolatile WHEN 'i' THEN ' IMMUTABLE' WHEN 's' THEN ' STABLE' END,
        CASE WHEN p.proisstrict THEN ' STRICT' END,
        CASE WHEN p.prosecdef THEN ' SECURITY DEFINER' END,
        CASE WHEN p.proleakproof THEN ' LEAKPROOF' END,
        CASE WHEN p.procost::text NOT IN ('0', CASE WHEN l.lanname IN ('internal', 'c') THEN '1' ELSE '100' END)
             THEN ' COST ' || p.procost::text END,
        CASE WHEN p.proretset AND p.prorows::text NOT IN ('0', '1000') THEN ' ROWS ' || p.prorows::text END,
        CASE WHEN p.prosupport <> 0 THEN ' SUPPORT ' || p.prosupport::regproc::text END,
        CASE p.proparallel WHEN 's' THEN ' PARALLEL SAFE' WHEN 'r' THEN ' PARALLEL RESTRICTED' END,
        (SELECT string_agg(format(E'\n    SET %I TO %s', c.name, c.value), '' ORDER BY c.i)
         FROM (SELECT cfg.i, split_part(cfg.item, '=', 1) AS name,
                      CASE WHEN lower(split_part(cfg.item, '=', 1)) IN ('local_preload_libraries', 'search_path',
                               'session_preload_libraries', 'shared_preload_libraries', 'temp_tablespaces',
                               'unix_socket_directories')
                           -- a list: each element (SplitGUCList) a literal of its own
                           THEN (SELECT coalesce(string_agg('''' || replace(CASE WHEN e.m[1] LIKE '"%'
                                        THEN replace(substr(e.m[1], 2, length(e.m[1]) - 2), '""', '"')
                                        ELSE e.m[1] END, '''', '''''') || '''', ', ' ORDER BY e.j), '')
                                 FROM regexp_matches(substr(cfg.item, strpos(cfg.item, '=') + 1),
                                                     '\s*("(?:[^"]|"")*"|[^,\s]+)\s*(?:,|$)', 'g')
                                      WITH ORDINALITY e(m, j))
                           ELSE '''' || replace(substr(cfg.item, strpos(cfg.item, '=') + 1), '''', '''''') || ''''
                      END AS value
               FROM unnest(p.proconfig) WITH ORDINALITY cfg(item, i)) c),
        CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid)
             WHEN coalesce(p.probin, '') <> '' THEN
                 'AS ''' || replace(p.probin, '''', '''''') || ''''
                 || CASE WHEN p.prosrc = '' THEN ''
                         WHEN strpos(p.prosrc, '''') = 0 AND strpos(p.prosrc, '\') = 0
                         THEN ', ''' || p.prosrc || ''''
                         ELSE ', ' || q.delim || p.prosrc || q.delim END
             ELSE 'AS ' || q.delim || p.prosrc || q.delim END) AS defn,
    format(E'DROP %s %I.%s;\n', k.kind, n.nspname, k.sig) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('%s %I.%s', k.kind, n.nspname, k.sig) AS comment_target,
    format('%s %s', k.kind, k.sig) AS comment_tag,
    obj_description(p.oid, 'pg_proc') AS comment,
    k.kind AS acl_kind, format('%I.%s', n.nspname, k.sig) AS acl_name,
    format('%s %s', k.kind, k.sig) AS acl_tag,
    p.proacl::text AS acl,
    p.proname AS sort_name, ARRAY[lpad(p.pronargs::text, 3, '0')] || ARRAY(
        SELECT v.name FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i)
        JOIN pg_type st ON st.oid = a.t JOIN pg_namespace sn ON sn.oid = st.typnamespace
        CROSS JOIN LATERAL unnest(ARRAY[sn.nspname::text, st.typname::text]) WITH ORDINALITY v(name, j)
        ORDER BY a.i, v.j) AS sort_ties
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
CROSS JOIN LATERAL (SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind,
                           format('%I(%s)', p.proname, pg_get_function_arguments(p.oid)) AS fullsig,
                           format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS sig) k
-- appendStringLiteralDQ: $ followed by the shortest of "", "_", "_X", "_XX", ... not in the body, and $
CROSS JOIN LATERAL (WITH RECURSIVE d(suffix) AS (
                        SELECT ''::text
                        UNION ALL
                        SELECT d.suffix || substr('_XXXXXXX', length(d.suffix) % 8 + 1, 1) FROM d
                        WHERE strpos(p.prosrc, '$' || d.suffix) > 0)
                    SELECT '$' || max(d.suffix COLLATE "C") || '$' AS delim FROM d
                    WHERE strpos(p.prosrc, '$' || d.suffix) = 0) q
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_proc') m WHERE m.objid = p.oid) AND p.prokind IN ('f', 'p', 'w');
