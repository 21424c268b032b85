-- The dependencies that order the dump, as pg_dump's getDependencies reads them: normal, automatic,
-- partition (a partition's index, constraint or trigger after the parent's and after the partition)
-- and extension ones; internal and extension-member ones fold objects together (aliases.sql).  And a
-- NOT VALID check constraint after the inheritance children it applies to (pg_restore -j then waits
-- for their rows, which need not satisfy it, before adding it).  And a constraint's index after its
-- constraint (an internal dependency: aliases.sql folds the index into the constraint, unless
-- sort_only.sql keeps it as an index of its own).  And the objects of initdb's schema public on it
-- where it has an entry of its own (schemas.sql: its owner changed, or it is created), as on any
-- schema (no more edges than that for the many tables of a database that leaves public as it is).
-- And what depends on an extension member on the member's schema too: pg_dump looks through the
-- member, which it does not dump, to what that depends on (aliases.sql folds the member into its
-- extension, which stands for the rest).
-- Returns: classid oid, objid oid, refclassid oid, refobjid oid
SELECT classid, objid, refclassid, refobjid
FROM pg_depend
WHERE deptype IN ('n', 'a', 'P', 'S', 'x') AND objid >= 16384 AND refobjid >= 16384
UNION ALL
SELECT 'pg_constraint'::regclass, co.oid, 'pg_class'::regclass, d.rel
FROM pg_constraint co
CROSS JOIN LATERAL (WITH RECURSIVE down(rel) AS (
                        SELECT inhrelid FROM pg_inherits WHERE inhparent = co.conrelid
                        UNION
                        SELECT i.inhrelid FROM pg_inherits i JOIN down ON i.inhparent = down.rel)
                    SELECT rel FROM down) d
WHERE co.contype = 'c' AND NOT co.convalidated AND co.conislocal AND co.conrelid <> 0
UNION ALL
SELECT classid, objid, refclassid, refobjid
FROM pg_depend
WHERE deptype = 'i' AND classid = 'pg_class'::regclass AND refclassid = 'pg_constraint'::regclass AND objid >= 16384
UNION ALL
SELECT d.classid, d.objid, d.refclassid, d.refobjid
FROM pg_depend d JOIN pg_namespace n ON n.oid = d.refobjid
WHERE d.refclassid = 'pg_namespace'::regclass AND d.refobjid = 2200 AND d.deptype = 'n' AND d.objid >= 16384
  AND (NOT (n.nspname = 'public' AND $3) OR n.nspowner <> 'pg_database_owner'::regrole)
UNION ALL
SELECT d.classid, d.objid, 'pg_namespace'::regclass, ns.refobjid
FROM pg_depend m
JOIN pg_depend d ON d.refclassid = m.classid AND d.refobjid = m.objid AND d.refobjsubid = 0
JOIN pg_depend ns ON ns.classid = m.classid AND ns.objid = m.objid AND ns.objsubid = 0
                 AND ns.refclassid = 'pg_namespace'::regclass AND ns.deptype = 'n'
WHERE m.deptype = 'e' AND m.objsubid = 0 AND d.deptype IN ('n', 'a', 'P', 'S', 'x') AND d.objid >= 16384
  AND ns.refobjid >= 16384;
