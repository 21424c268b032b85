-- Shell types never completed (CREATE TYPE name;).
-- Returns: an object row (README.md)
SELECT 'pg_type'::regclass::oid AS classid, t.oid AS objid, 'TYPE' AS kind, t.typname AS tag, n.nspname AS schema,
    pg_get_userbyid(t.typowner) AS owner, format(E'CREATE TYPE %I.%I;\n', n.nspname, t.typname) AS defn,
    format(E'DROP TYPE %I.%I;\n', n.nspname, t.typname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('TYPE %I.%I', n.nspname, t.typname) AS comment_target, format('TYPE %I', t.typname) AS comment_tag,
    obj_description(t.oid, 'pg_type') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'p' AND NOT t.typisdefined AND pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid);
