-- Column defaults pg_dump writes as ALTER TABLE ... SET DEFAULT entries of their own
-- (pd_default_separate: views, inherited columns CREATE does not list, dependency loops); the
-- others are in their column (pd_table_columns).  Generated columns: tables.sql.
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_attrdef'::regclass::oid AS classid, d.oid AS objid, 'DEFAULT' AS kind,
    c.relname || ' ' || a.attname AS tag, n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET DEFAULT %s;\n', k.kind, n.nspname, c.relname, a.attname,
           pg_get_expr(d.adbin, d.adrelid)) AS defn,
    format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I DROP DEFAULT;\n', k.kind, n.nspname, c.relname, a.attname)
        AS drop_stmt,
    NULL AS tablespace, NULL AS tableam, NULL AS comment_target, NULL AS comment_tag, NULL AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    c.relname AS sort_name, ARRAY[lpad(d.adnum::text, 5, '0')] AS sort_ties
-- each default's column looked up by index (OFFSET 0 keeps the lookup a lateral probe): a hash join
-- would spill all of pg_attribute to disk within the catalog read's 1 MB of work_mem
FROM pg_attrdef d
CROSS JOIN LATERAL (SELECT a.attname, a.attislocal, a.attgenerated, a.attisdropped FROM pg_attribute a
                    WHERE a.attrelid = d.adrelid AND a.attnum = d.adnum OFFSET 0) a
JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (SELECT CASE WHEN c.relkind = 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind) k
WHERE a.attgenerated = '' AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'f')
  AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND (SELECT ds.separate FROM pd_default_separate(d.oid, c.oid, c.relkind, a.attislocal, c.relispartition) ds);
