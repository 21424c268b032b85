-- ENABLE ROW LEVEL SECURITY of a table, after its data is loaded (FORCE is in the TABLE entry,
-- as pg_dump writes it).
-- Returns: relid oid, tag name, schema name, owner name, defn text
SELECT c.oid AS relid, c.relname AS tag, n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;', n.nspname, c.relname) AS defn
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relrowsecurity AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
