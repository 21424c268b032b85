-- TABLE DATA items: the COPY statement of each dumped table whose data is not excluded ($5),
-- through its partition root with $6, its column count and size (largest first to the workers).
-- Returns: relid oid, schema name, tag name, owner name, copy_stmt text, columns bigint, size bigint, label text
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    format(E'COPY %s %sFROM stdin;\n',
        CASE WHEN $6 AND c.relispartition THEN pg_partition_root(c.oid)::regclass::text
             ELSE format('%I.%I', n.nspname, c.relname) END,
        (SELECT list FROM pd_copy_columns(c.oid))) AS copy_stmt,
    (SELECT count FROM pd_copy_columns(c.oid)) AS columns,
    pg_relation_size(c.oid) + coalesce(pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS size,
    format('%I.%I', n.nspname, c.relname) AS label
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND c.oid NOT IN (SELECT objid FROM pd_member_objects('pg_class'))
  AND NOT c.oid = ANY ($5);
