-- A partition joining its partitioned table (TABLE ATTACH) whenever the partition is dumped, whether
-- or not its parent is (pg_dump's dumpTableAttach goes by the partition alone).
-- (child_table and parent_table, the tables of index_attach.sql's rows, are the partition and its parent.)
-- Returns: child oid, parent oid, schema name, tag name, owner name, defn text, child_table oid, parent_table oid
SELECT c.oid AS child, p.oid AS parent, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    format(E'ALTER TABLE ONLY %I.%I ATTACH PARTITION %I.%I %s;\n', pn.nspname, p.relname, n.nspname, c.relname,
           pg_get_expr(c.relpartbound, c.oid)) AS defn,
    c.oid AS child_table, p.oid AS parent_table
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relispartition AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
