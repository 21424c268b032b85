-- The dependencies that order the dump: normal and automatic ones, and a partition's copy of a
-- trigger after the parent's trigger.
-- Returns: classid oid, objid oid, refclassid oid, refobjid oid
SELECT classid, objid, refclassid, refobjid
FROM pg_depend
WHERE (deptype IN ('n', 'a') OR (deptype = 'P' AND classid = 'pg_trigger'::regclass))
  AND objid >= 16384 AND refobjid >= 16384;
