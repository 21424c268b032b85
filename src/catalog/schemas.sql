-- Schemas the user made, and public as pg_dump 15's getNamespaces/dumpNamespace treat it: created
-- only when -n selects it (not $3); otherwise initdb made it, so its entry only records an owner other
-- than pg_database_owner (no defn: no entry of its own, only its comment and ACL), its comment only
-- where it differs from initdb's ('' when removed), its ACL against {owner=UC/owner,=U/owner}.
-- Returns: an object row (README.md), plus acl_base text
SELECT 'pg_namespace'::regclass::oid AS classid, n.oid AS objid, 'SCHEMA' AS kind, n.nspname AS tag,
    NULL AS schema, pg_get_userbyid(n.nspowner) AS owner,
    CASE WHEN NOT initdb THEN format(E'CREATE SCHEMA %I;\n', n.nspname)
         WHEN n.nspowner <> 'pg_database_owner'::regrole
         THEN E'-- *not* creating schema, since initdb creates it\n' END AS defn,
    CASE WHEN NOT initdb THEN format(E'DROP SCHEMA %I;\n', n.nspname)
         ELSE E'-- *not* dropping schema, since initdb creates it\n' END AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('SCHEMA %I', n.nspname) AS comment_target, format('SCHEMA %I', n.nspname) AS comment_tag,
    CASE WHEN NOT initdb THEN obj_description(n.oid, 'pg_namespace')
         WHEN obj_description(n.oid, 'pg_namespace') = 'standard public schema' THEN NULL
         ELSE coalesce(obj_description(n.oid, 'pg_namespace'), '') END AS comment,
    'SCHEMA' AS acl_kind, format('%I', n.nspname) AS acl_name, format('SCHEMA %I', n.nspname) AS acl_tag,
    CASE WHEN n.nspname = 'public' AND n.nspacl @> base.acl AND base.acl @> n.nspacl THEN NULL
         ELSE n.nspacl::text END AS acl,
    base.acl::text AS acl_base
FROM pg_namespace n
CROSS JOIN LATERAL (SELECT n.nspname = 'public' AND $3 AS initdb) i
LEFT JOIN LATERAL (
    SELECT acldefault('n', n.nspowner) || makeaclitem(0, n.nspowner, 'USAGE', false) AS acl
    WHERE n.nspname = 'public') base ON true
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_namespace') m WHERE m.objid = n.oid);
