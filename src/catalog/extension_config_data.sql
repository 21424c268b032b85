-- Rows of extensions' configuration tables (pg_extension_config_dump): the extension is restored
-- by CREATE EXTENSION, the rows its users added by these data entries.  The columns of
-- table_data.sql, plus the extension's filter condition ('' or 'WHERE ...').  As pg_dump's
-- processExtensionTables: when the selection selects the table (the extension is dumped, -t names it
-- or -n its schema), and not -T or -N it.
-- Returns: relid oid, schema name, tag name, owner name, defn text, copy_stmt text, columns bigint, size bigint, label text, filter text
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    NULL::text AS defn,
    format(E'COPY %I.%I %s FROM stdin;\n', n.nspname, c.relname,
        coalesce(rtrim((SELECT list FROM pd_copy_columns(c.oid))), '')) AS copy_stmt,
    (SELECT count FROM pd_copy_columns(c.oid)) AS columns,
    pg_relation_size(c.oid) + coalesce(pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS size,
    format('%I.%I', n.nspname, c.relname) AS label, cfg.cond AS filter
FROM pg_extension x CROSS JOIN LATERAL unnest(x.extconfig, x.extcondition) cfg(rel, cond)
JOIN pg_class c ON c.oid = cfg.rel JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE x.oid >= 16384 AND c.relkind = 'r' AND pd_selected_relation(c.oid, c.relnamespace, $1, $2, $4)
  AND NOT c.oid = ANY ($5);
