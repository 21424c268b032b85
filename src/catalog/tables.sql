-- Tables and partitioned tables, with the per-column statements CREATE TABLE cannot carry.
-- Returns: an object row (README.md)
SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid, 'TABLE' AS kind, c.relname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    format(E'CREATE %sTABLE %I.%I%s%s%s%s;\n%s%s%s',
        CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, n.nspname, c.relname,
        -- a typed table takes its columns from the type and lists only their options
        CASE WHEN c.reloftype <> 0 THEN ' OF ' || format_type(c.reloftype, NULL) ELSE '' END,
        -- as pg_dump's dumpTableSchema: type, GENERATED or DEFAULT, NOT NULL, COLLATE; "(\n)" when no column
        (SELECT CASE WHEN count(line) = 0 AND c.reloftype <> 0 THEN ''
                WHEN count(line) = 0 THEN E' (\n)'
                ELSE E' (\n' || string_agg(line, E',\n' ORDER BY ord) || E'\n)' END
         FROM (SELECT a.attnum AS ord,
                   CASE WHEN c.reloftype <> 0 THEN
                       CASE WHEN a.notnull OR a.default_clause IS NOT NULL
                            THEN format('    %I%s%s', a.attname, a.default_clause,
                                        CASE WHEN a.notnull THEN ' NOT NULL' END) END
                   ELSE format('    %I %s%s%s%s%s', a.attname, a.type, a.generated_clause, a.default_clause,
                               CASE WHEN a.notnull THEN ' NOT NULL' END, a.collate_clause) END AS line
               FROM pd_table_columns(c.oid, c.relispartition) a
               UNION ALL SELECT ord, line FROM pd_inline_checks(c.oid, c.relispartition)) lines),
        coalesce(E'\nINHERITS (' || (SELECT parents FROM pd_inherits_list(c.oid, c.relispartition)) || ')', '')
        || CASE WHEN c.relkind = 'p' THEN E'\nPARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END,
        CASE WHEN c.reloptions IS NOT NULL OR tc.reloptions IS NOT NULL THEN
            E'\nWITH (' || concat_ws(', ', (SELECT list FROM pd_options_list(c.reloptions, '')),
                                   (SELECT list FROM pd_options_list(tc.reloptions, 'toast.'))) || ')' END,
        (SELECT stmts FROM pd_column_properties('TABLE', n.nspname, c.relname, c.oid, c.relpersistence)),
        CASE c.relreplident
        WHEN 'f' THEN format(E'\nALTER TABLE ONLY %I.%I REPLICA IDENTITY FULL;\n', n.nspname, c.relname)
        WHEN 'n' THEN format(E'\nALTER TABLE ONLY %I.%I REPLICA IDENTITY NOTHING;\n', n.nspname, c.relname) END,
        -- FORCE is part of the table (ENABLE comes after the data: row_security.sql)
        CASE WHEN c.relforcerowsecurity
             THEN format(E'\nALTER TABLE ONLY %I.%I FORCE ROW LEVEL SECURITY;\n', n.nspname, c.relname) END)
        AS defn,
    format(E'DROP TABLE %I.%I;\n', n.nspname, c.relname) AS drop_stmt, coalesce(ts.spcname, '') AS tablespace,
    am.amname AS tableam,
    format('TABLE %I.%I', n.nspname, c.relname) AS comment_target, format('TABLE %I', c.relname) AS comment_tag,
    obj_description(c.oid, 'pg_class') AS comment,
    'TABLE' AS acl_kind, format('%I.%I', n.nspname, c.relname) AS acl_name, format('TABLE %I', c.relname) AS acl_tag,
    c.relacl::text AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r', 'p') AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
