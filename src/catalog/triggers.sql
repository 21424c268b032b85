-- Triggers; and a partition's copy of its parent's trigger when it was enabled or disabled on its
-- own (pg_dump then writes only that ALTER).
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_trigger'::regclass::oid AS classid, t.oid AS objid, 'TRIGGER' AS kind, c.relname || ' ' || t.tgname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    CASE WHEN t.tgparentid = 0 THEN pg_get_triggerdef(t.oid) || E';\n' ELSE '' END
    || CASE WHEN t.tgparentid <> 0 OR t.tgenabled <> 'O'
            THEN format(E'\nALTER %sTABLE %I.%I %s TRIGGER %I;\n',
                        CASE WHEN c.relkind = 'f' THEN 'FOREIGN ' ELSE '' END, n.nspname, c.relname,
                        CASE t.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA'
                             WHEN 'A' THEN 'ENABLE ALWAYS' ELSE 'ENABLE' END, t.tgname)
            ELSE '' END AS defn,
    CASE WHEN t.tgparentid = 0 THEN format(E'DROP TRIGGER %I ON %I.%I;\n', t.tgname, n.nspname, c.relname) END
        AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('TRIGGER %I ON %I.%I', t.tgname, n.nspname, c.relname) AS comment_target,
    format('TRIGGER %I ON %I', t.tgname, c.relname) AS comment_tag,
    CASE WHEN t.tgparentid = 0 THEN obj_description(t.oid, 'pg_trigger') END AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    t.tgname AS sort_name, ARRAY[c.relname::text] AS sort_ties
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_trigger pt ON pt.oid = t.tgparentid
WHERE ((NOT t.tgisinternal AND t.tgparentid = 0) OR t.tgenabled <> pt.tgenabled)
  AND c.relkind IN ('r', 'p', 'v', 'f') AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
