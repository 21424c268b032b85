-- Objects dumped as part of another (classid, objid is part of refclassid, refobjid): internal
-- and extension members, domain constraints, valid check constraints, operator family members
-- (those of a class too: pg_dump's getDependencies gives what an operator or support function of
-- a family needs to the family, not to the class), generation expressions.  A dependency on the
-- part is one on the whole.
-- Returns: classid oid, objid oid, refclassid oid, refobjid oid
SELECT classid, objid, refclassid, refobjid
FROM pg_depend d
WHERE deptype IN ('i', 'e') AND objid >= 16384 AND classid NOT IN ('pg_amop'::regclass, 'pg_amproc'::regclass)
  -- not the clones of a foreign key to a partitioned table (one per partition, internal to it): pg_dump
  -- reads no constraint with a parent, so what a clone needs is not the foreign key's
  AND NOT (classid = 'pg_constraint'::regclass
           AND EXISTS (SELECT FROM pg_constraint co WHERE co.oid = d.objid AND co.conparentid <> 0))
UNION ALL
SELECT 'pg_constraint'::regclass, oid, 'pg_type'::regclass, contypid
FROM pg_constraint WHERE contypid <> 0
UNION ALL
SELECT 'pg_constraint'::regclass, oid, 'pg_class'::regclass, conrelid
FROM pg_constraint WHERE conrelid <> 0 AND contype = 'c' AND convalidated
UNION ALL
SELECT 'pg_amop'::regclass, a.oid, 'pg_opfamily'::regclass, a.amopfamily
FROM pg_amop a WHERE a.oid >= 16384
UNION ALL
SELECT 'pg_amproc'::regclass, p.oid, 'pg_opfamily'::regclass, p.amprocfamily
FROM pg_amproc p WHERE p.oid >= 16384
UNION ALL
SELECT 'pg_attrdef'::regclass, d.oid, 'pg_class'::regclass, d.adrelid
FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE a.attgenerated <> '';
