-- Indexes that no constraint owns (invalid ones only on partitioned tables: they become valid
-- once every partition's index is attached).
-- Returns: an object row (README.md)
SELECT 'pg_class'::regclass::oid AS classid, ic.oid AS objid, 'INDEX' AS kind, ic.relname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    pg_get_indexdef(ic.oid) || E';\n'
    || coalesce((SELECT stmts FROM pd_index_extras(x.indisclustered, x.indisreplident, n.nspname, c.relname,
                                                   ic.relname, ic.oid)), '') AS defn,
    format(E'DROP INDEX %I.%I;\n', n.nspname, ic.relname) AS drop_stmt, coalesce(ts.spcname, '') AS tablespace,
    NULL AS tableam,
    format('INDEX %I.%I', n.nspname, ic.relname) AS comment_target, format('INDEX %I', ic.relname) AS comment_tag,
    obj_description(ic.oid, 'pg_class') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
WHERE (x.indisvalid OR c.relkind = 'p') AND c.relkind IN ('r', 'p', 'm')
  AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = x.indexrelid
                  AND co.conrelid = x.indrelid AND co.contype IN ('p', 'u', 'x'));
