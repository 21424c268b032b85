-- Functions and procedures (aggregates: aggregates.sql).
-- Returns: an object row (README.md)
SELECT 'pg_proc'::regclass::oid AS classid, p.oid AS objid, k.kind,
    format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS tag, n.nspname AS schema,
    pg_get_userbyid(p.proowner) AS owner, pg_get_functiondef(p.oid) || E';\n' AS defn,
    format(E'DROP %s %I.%I(%s);\n', k.kind, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
        AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('%s %I.%I(%s)', k.kind, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
        AS comment_target,
    format('%s %s(%s)', k.kind, p.proname, pg_get_function_identity_arguments(p.oid)) AS comment_tag,
    obj_description(p.oid, 'pg_proc') AS comment,
    k.kind AS acl_kind, format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
        AS acl_name,
    format('%s %s(%s)', k.kind, p.proname, pg_get_function_identity_arguments(p.oid)) AS acl_tag,
    p.proacl::text AS acl
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL (SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind) k
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND p.oid NOT IN (SELECT objid FROM pd_member_objects('pg_proc')) AND p.prokind IN ('f', 'p', 'w');
