-- An identity sequence's entry (sequences.sql: ALTER TABLE ... ADD GENERATED) comes after its
-- table, as pg_dump orders it (the sequence's internal dependency on its column).
-- Returns: classid oid, objid oid, refclassid oid, refobjid oid
SELECT d.classid, d.objid, d.refclassid, d.refobjid
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i'
  AND d.refobjsubid > 0 AND c.relkind = 'S';
