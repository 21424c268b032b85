-- A partition's index joining the partitioned table's index (INDEX ATTACH) whenever the partition
-- is dumped (pg_dump's dumpIndexAttach goes by the partition's index alone).  It depends on both
-- indexes and both tables (pg_dump's flagInhIndexes: a parallel restore then runs it after both
-- tables' rows, not beside work on them).
-- Returns: child oid, parent oid, schema name, tag name, owner name, defn text, child_table oid, parent_table oid
SELECT ci.oid AS child, pi.oid AS parent, n.nspname AS schema, ci.relname AS tag,
    pg_get_userbyid(ci.relowner) AS owner,
    format(E'ALTER INDEX %I.%I ATTACH PARTITION %I.%I;\n', pn.nspname, pi.relname, n.nspname, ci.relname) AS defn,
    x.indrelid AS child_table, px.indrelid AS parent_table
FROM pg_inherits i JOIN pg_class ci ON ci.oid = i.inhrelid JOIN pg_class pi ON pi.oid = i.inhparent
JOIN pg_namespace n ON n.oid = ci.relnamespace JOIN pg_namespace pn ON pn.oid = pi.relnamespace
JOIN pg_index x ON x.indexrelid = ci.oid JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_index px ON px.indexrelid = pi.oid
WHERE ci.relkind IN ('i', 'I') AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
