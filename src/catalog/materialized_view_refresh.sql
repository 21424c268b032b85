-- REFRESH MATERIALIZED VIEW of the populated materialized views, after everything else.
-- Returns: relid oid, schema name, tag name, owner name, defn text
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    format(E'REFRESH MATERIALIZED VIEW %I.%I;\n', n.nspname, c.relname) AS defn
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'm' AND c.relispopulated AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
