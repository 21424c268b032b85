-- Every relation the dump reads, locked by the leader before anything else: the dumped tables and
-- materialized views, and the configuration tables of extensions, whose rows are dumped.  (Two
-- branches, so that the membership test is an anti join of its own, not a subplan under an OR.)
-- Returns: relid oid, label text, relkind "char"
SELECT c.oid AS relid, format('%I.%I', n.nspname, c.relname) AS label, c.relkind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
UNION
SELECT c.oid, format('%I.%I', n.nspname, c.relname), c.relkind
FROM pg_extension x CROSS JOIN LATERAL unnest(x.extconfig) cfg(relid)
JOIN pg_class c ON c.oid = cfg.relid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE $3 AND x.oid >= 16384 AND c.relkind = 'r'
ORDER BY relid;
