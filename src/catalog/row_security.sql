-- ENABLE / FORCE ROW LEVEL SECURITY of a table, after its data is loaded.
-- Returns: relid oid, tag name, schema name, owner name, defn text
SELECT c.oid AS relid, c.relname AS tag, n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    CASE WHEN c.relrowsecurity
         THEN format(E'ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;\n', n.nspname, c.relname) ELSE '' END
    || CASE WHEN c.relforcerowsecurity
            THEN format(E'ALTER TABLE ONLY %I.%I FORCE ROW LEVEL SECURITY;\n', n.nspname, c.relname) ELSE '' END
        AS defn
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND c.oid NOT IN (SELECT objid FROM pd_member_objects('pg_class'));
