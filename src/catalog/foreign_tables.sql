-- Foreign tables; like a table, an inheritance child lists its own columns and constraints, a
-- partition all of them.
-- Returns: an object row (README.md)
SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid, 'FOREIGN TABLE' AS kind, c.relname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    -- as pg_dump's dumpTableSchema: columns as a table's (their options are ALTER FOREIGN TABLE
    -- statements: pd_column_properties), SERVER and OPTIONS on lines of their own
    format(E'CREATE FOREIGN TABLE %I.%I (\n%s)%s\nSERVER %I%s;\n%s', n.nspname, c.relname,
        (SELECT coalesce(string_agg(line, E',\n' ORDER BY ord) || E'\n', '')
         FROM (SELECT a.attnum AS ord,
                   format('    %I %s%s%s%s%s', a.attname, a.type, a.generated_clause, a.default_clause,
                          CASE WHEN a.notnull THEN ' NOT NULL' END, a.collate_clause) AS line
               FROM pd_table_columns(c.oid, c.relispartition) a
               UNION ALL SELECT ord, line FROM pd_inline_checks(c.oid, c.relispartition)) lines),
        coalesce(E'\nINHERITS (' || (SELECT parents FROM pd_inherits_list(c.oid, c.relispartition)) || ')', ''),
        s.srvname, E'\n' || ltrim((SELECT clause FROM pd_fdw_options(ft.ftoptions))),
        coalesce((SELECT stmts FROM pd_column_properties('FOREIGN TABLE', n.nspname, c.relname, c.oid,
                                                          c.relpersistence)), '')) AS defn,
    format(E'DROP FOREIGN TABLE %I.%I;\n', n.nspname, c.relname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('FOREIGN TABLE %I.%I', n.nspname, c.relname) AS comment_target,
    'FOREIGN TABLE ' || quote_ident(c.relname) AS comment_tag, obj_description(c.oid, 'pg_class') AS comment,
    'TABLE' AS acl_kind, format('%I.%I', n.nspname, c.relname) AS acl_name,
    'TABLE ' || quote_ident(c.relname) AS acl_tag, c.relacl::text AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server s ON s.oid = ft.ftserver
WHERE c.relkind = 'f' AND pd_user_schema(n.nspname)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND pd_selected_relation(c.oid, c.relnamespace, $1, $2, $4);
