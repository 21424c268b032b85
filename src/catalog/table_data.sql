-- TABLE DATA items: the COPY statement of each dumped table whose data is not excluded ($5),
-- its column count and size (largest first to the workers).  A partition is loaded through its
-- partition root with $6, and always when an ancestor is hash-partitioned on an enum (the hash
-- codes follow the enum's OIDs, which a new database does not share): pg_dump's
-- getPartitioningInfo/unsafe_partitions; defn is then its "-- load via partition root" line.
-- Returns: relid oid, schema name, tag name, owner name, defn text, copy_stmt text, columns bigint, size bigint, label text
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    CASE WHEN via.root IS NOT NULL THEN '-- load via partition root ' || via.root END AS defn,
    format(E'COPY %s %s FROM stdin;\n', coalesce(via.root, format('%I.%I', n.nspname, c.relname)),
        coalesce(rtrim((SELECT list FROM pd_copy_columns(c.oid))), '')) AS copy_stmt,
    (SELECT count FROM pd_copy_columns(c.oid)) AS columns,
    pg_relation_size(c.oid) + coalesce(pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS size,
    format('%I.%I', n.nspname, c.relname) AS label
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
-- a partition's root, looked up by index for each partition (OFFSET 0: not a hash join over all of pg_class)
LEFT JOIN LATERAL (
    SELECT format('%I.%I', rn.nspname, r.relname) AS root
    FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace
    WHERE c.relispartition AND r.oid = pg_partition_root(c.oid)
      AND ($6 OR EXISTS (
          SELECT FROM pg_partition_ancestors(c.oid) a JOIN pg_partitioned_table pt ON pt.partrelid = a.relid
          WHERE (SELECT oc.oid FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod
                 WHERE oc.opcname = 'enum_ops' AND oc.opcnamespace = 'pg_catalog'::regnamespace
                   AND am.amname = 'hash') = ANY (pt.partclass)))
    OFFSET 0) via ON true
WHERE c.relkind = 'r' AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND NOT c.oid = ANY ($5);
