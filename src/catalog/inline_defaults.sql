-- Column defaults written in their column (pd_default_separate false): part of their table, so
-- that what a default uses (a sequence, a function) is created before the table.
-- Returns: classid oid, objid oid, refclassid oid, refobjid oid
SELECT 'pg_attrdef'::regclass::oid AS classid, d.oid AS objid, 'pg_class'::regclass::oid AS refclassid,
    c.oid AS refobjid
-- each default's column looked up by index (OFFSET 0 keeps the lookup a lateral probe): a hash join
-- would spill all of pg_attribute to disk within the catalog read's 1 MB of work_mem
FROM pg_attrdef d
CROSS JOIN LATERAL (SELECT a.attislocal, a.attgenerated, a.attisdropped FROM pg_attribute a
                    WHERE a.attrelid = d.adrelid AND a.attnum = d.adnum OFFSET 0) a
JOIN pg_class c ON c.oid = d.adrelid
WHERE a.attgenerated = '' AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f')
  AND NOT (SELECT ds.separate FROM pd_default_separate(d.oid, c.oid, c.relkind, a.attislocal, c.relispartition) ds);
