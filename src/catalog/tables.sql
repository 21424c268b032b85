-- Tables and partitioned tables, with the per-column statements CREATE TABLE cannot carry.
-- Returns: an object row (README.md)
SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid, 'TABLE' AS kind, c.relname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    format(E'CREATE %sTABLE %I.%I%s%s%s%s;\n%s%s',
        CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, n.nspname, c.relname,
        -- a typed table takes its columns from the type and lists only their options
        CASE WHEN c.reloftype <> 0 THEN ' OF ' || format_type(c.reloftype, NULL) ELSE '' END,
        (SELECT CASE WHEN count(line) = 0 AND c.reloftype <> 0 THEN ''
                ELSE E' (\n' || coalesce(string_agg(line, E',\n' ORDER BY ord), '') || E'\n)' END
         FROM (SELECT a.attnum AS ord,
                   CASE WHEN c.reloftype <> 0 THEN
                       CASE WHEN a.attnotnull THEN format('    %I WITH OPTIONS NOT NULL', a.attname) END
                   ELSE format('    %I %s%s%s%s', a.attname, a.type, a.collate_clause, a.generated_clause,
                               CASE WHEN a.attnotnull THEN ' NOT NULL' END) END AS line
               FROM pd_table_columns(c.oid, c.relispartition) a
               UNION ALL SELECT ord, line FROM pd_inline_checks(c.oid, c.relispartition)) lines),
        coalesce(' INHERITS (' || (SELECT parents FROM pd_inherits_list(c.oid, c.relispartition)) || ')', '')
        || CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END,
        CASE WHEN c.reloptions IS NOT NULL OR tc.reloptions IS NOT NULL THEN
            ' WITH (' || concat_ws(', ', (SELECT list FROM pd_options_list(c.reloptions, '')),
                                   (SELECT list FROM pd_options_list(tc.reloptions, 'toast.'))) || ')' END,
        (SELECT stmts FROM pd_column_properties('TABLE', n.nspname, c.relname, c.oid, c.relpersistence)),
        CASE c.relreplident
        WHEN 'f' THEN format(E'ALTER TABLE ONLY %I.%I REPLICA IDENTITY FULL;\n', n.nspname, c.relname)
        WHEN 'n' THEN format(E'ALTER TABLE ONLY %I.%I REPLICA IDENTITY NOTHING;\n', n.nspname, c.relname) END)
        AS defn,
    format(E'DROP TABLE %I.%I;\n', n.nspname, c.relname) AS drop_stmt, coalesce(ts.spcname, '') AS tablespace,
    am.amname AS tableam,
    format('TABLE %I.%I', n.nspname, c.relname) AS comment_target, format('TABLE %s', c.relname) AS comment_tag,
    obj_description(c.oid, 'pg_class') AS comment,
    'TABLE' AS acl_kind, format('%I.%I', n.nspname, c.relname) AS acl_name, format('TABLE %s', c.relname) AS acl_tag,
    c.relacl::text AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r', 'p') AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND c.oid NOT IN (SELECT objid FROM pd_member_objects('pg_class'));
