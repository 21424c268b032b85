-- Schemas the user made; public only for what differs from initdb's.
-- Returns: an object row (README.md)
SELECT 'pg_namespace'::regclass::oid AS classid, n.oid AS objid, 'SCHEMA' AS kind, n.nspname AS tag,
    NULL AS schema, pg_get_userbyid(n.nspowner) AS owner,
    CASE WHEN n.nspname = 'public' THEN '' ELSE format(E'CREATE SCHEMA %I;\n', n.nspname) END AS defn,
    CASE WHEN n.nspname <> 'public' THEN format(E'DROP SCHEMA %I;\n', n.nspname)
         WHEN n.nspowner <> 'pg_database_owner'::regrole
         THEN E'-- *not* dropping schema, since initdb creates it\n' END AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('SCHEMA %I', n.nspname) AS comment_target, format('SCHEMA %s', n.nspname) AS comment_tag,
    CASE WHEN n.nspname = 'public' AND obj_description(n.oid, 'pg_namespace') = 'standard public schema'
         THEN NULL ELSE obj_description(n.oid, 'pg_namespace') END AS comment,
    'SCHEMA' AS acl_kind, format('%I', n.nspname) AS acl_name, format('SCHEMA %s', n.nspname) AS acl_tag,
    CASE WHEN n.nspname = 'public'
          AND n.nspacl::text = '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}'
         THEN NULL ELSE n.nspacl::text END AS acl
FROM pg_namespace n
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND n.oid NOT IN (SELECT objid FROM pd_member_objects('pg_namespace'));
