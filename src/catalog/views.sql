-- Views and materialized views (created WITH NO DATA; materialized_view_refresh.sql fills them).
-- Returns: an object row (README.md) and stand_in text
SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid, k.kind, c.relname AS tag, n.nspname AS schema,
    pg_get_userbyid(c.relowner) AS owner,
    -- as pg_dump: a view's options (but its check option, written at the end) on its line, a
    -- materialized view's on a line of their own
    format(CASE c.relkind WHEN 'v' THEN E'CREATE VIEW %I.%I%s AS\n%s%s;\n'
           ELSE E'CREATE MATERIALIZED VIEW %I.%I%s AS\n%s%s\n  WITH NO DATA;\n' END,
        n.nspname, c.relname,
        CASE WHEN c.relkind = 'm' THEN E'\nWITH (' ELSE ' WITH (' END
            || (SELECT list FROM pd_options_list(array_remove(array_remove(c.reloptions, 'check_option=local'),
                                                             'check_option=cascaded'), '')) || ')',
        rtrim(pg_get_viewdef(c.oid), ';'),
        (SELECT E'\n  WITH ' || upper(option_value) || ' CHECK OPTION' FROM pg_options_to_table(c.reloptions)
         WHERE option_name = 'check_option'))
    || CASE WHEN c.relkind = 'm'
            THEN coalesce((SELECT stmts FROM pd_column_properties('TABLE', n.nspname, c.relname, c.oid,
                                                                  c.relpersistence)), '')
            ELSE '' END AS defn,
    format(E'DROP %s %I.%I;\n', k.kind, n.nspname, c.relname) AS drop_stmt,
    CASE WHEN c.relkind = 'm' THEN coalesce(ts.spcname, '') END AS tablespace,
    CASE WHEN c.relkind = 'm' THEN am.amname END AS tableam,
    format('%s %I.%I', k.kind, n.nspname, c.relname) AS comment_target,
    format('%s %I', k.kind, c.relname) AS comment_tag, obj_description(c.oid, 'pg_class') AS comment,
    'TABLE' AS acl_kind, format('%I.%I', n.nspname, c.relname) AS acl_name, format('TABLE %I', c.relname) AS acl_tag,
    c.relacl::text AS acl,
    -- A view whose query needs what is created after the data (a primary key
    -- that lets it group by the key alone) is first created with these
    -- columns and no query, as pg_dump does; no options and no check option
    -- (the query's CREATE OR REPLACE VIEW brings them).
    CASE WHEN c.relkind = 'v' THEN format(E'CREATE VIEW %I.%I AS\nSELECT%s;\n', n.nspname, c.relname,
        (SELECT string_agg(format(E'\n    NULL::%s%s AS %I', format_type(a.atttypid, a.atttypmod), cc.clause,
                                  a.attname), ',' ORDER BY a.attnum)
         FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
         CROSS JOIN LATERAL pd_column_collate(a.attcollation, at.typcollation) cc
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) END AS stand_in
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_am am ON am.oid = c.relam
CROSS JOIN LATERAL (SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END AS kind) k
WHERE c.relkind IN ('v', 'm') AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
