-- Row-level security policies.
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_policy'::regclass::oid AS classid, p.oid AS objid, 'POLICY' AS kind, c.relname || ' ' || p.polname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    format(E'CREATE POLICY %I ON %I.%I%s%s%s%s%s;\n', p.polname, n.nspname, c.relname,
        CASE WHEN NOT p.polpermissive THEN ' AS RESTRICTIVE' ELSE '' END,
        CASE p.polcmd WHEN 'r' THEN ' FOR SELECT' WHEN 'a' THEN ' FOR INSERT' WHEN 'w' THEN ' FOR UPDATE'
             WHEN 'd' THEN ' FOR DELETE' ELSE '' END,
        -- as pg_dump's getPolicies: no TO for PUBLIC alone, else the roles in pg_roles' order
        CASE WHEN p.polroles <> '{0}' THEN ' TO ' || array_to_string(ARRAY(
            SELECT quote_ident(rolname) FROM pg_roles WHERE oid = ANY (p.polroles)), ', ') END,
        CASE WHEN p.polqual IS NOT NULL THEN ' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')' END,
        CASE WHEN p.polwithcheck IS NOT NULL
             THEN ' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')' END) AS defn,
    format(E'DROP POLICY %I ON %I.%I;\n', p.polname, n.nspname, c.relname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('POLICY %I ON %I.%I', p.polname, n.nspname, c.relname) AS comment_target,
    format('POLICY %I ON %I', p.polname, c.relname) AS comment_tag, obj_description(p.oid, 'pg_policy') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    p.polname AS sort_name, ARRAY[c.relname::text] AS sort_ties
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
