-- Primary key, unique, exclusion and foreign key constraints, and NOT VALID checks (valid checks
-- are part of CREATE TABLE).  A foreign key on a partitioned table must recurse to its partitions;
-- a NOT VALID check constraint to inheritance children (which then do not list it themselves).
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_constraint'::regclass::oid AS classid, co.oid AS objid,
    CASE co.contype WHEN 'f' THEN 'FK CONSTRAINT' WHEN 'c' THEN 'CHECK CONSTRAINT' ELSE 'CONSTRAINT' END AS kind,
    c.relname || ' ' || co.conname AS tag, n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    format(E'ALTER %sTABLE %s%I.%I\n    ADD CONSTRAINT %I %s;\n', CASE WHEN c.relkind = 'f' THEN 'FOREIGN ' ELSE '' END,
           CASE WHEN (co.contype = 'f' AND c.relkind = 'p') OR co.contype = 'c' THEN '' ELSE 'ONLY ' END,
           n.nspname, c.relname, co.conname, pg_get_constraintdef(co.oid))
    || CASE WHEN x.indexrelid IS NOT NULL
            THEN coalesce((SELECT stmts FROM pd_index_extras(x.indisclustered, x.indisreplident, n.nspname,
                                                              c.relname, ic.relname, ic.oid)), '')
            ELSE '' END AS defn,
    format(E'ALTER %sTABLE ONLY %I.%I DROP CONSTRAINT %I;\n', CASE WHEN c.relkind = 'f' THEN 'FOREIGN ' ELSE '' END,
           n.nspname, c.relname, co.conname) AS drop_stmt,
    CASE WHEN co.contype IN ('p', 'u', 'x') THEN coalesce(ts.spcname, '') END AS tablespace, NULL AS tableam,
    format('CONSTRAINT %I ON %I.%I', co.conname, n.nspname, c.relname) AS comment_target,
    format('CONSTRAINT %I ON %I', co.conname, c.relname) AS comment_tag,
    obj_description(co.oid, 'pg_constraint') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    co.conname AS sort_name, ARRAY['1', c.relname::text] AS sort_ties  -- after a domain's (types.sql)
FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index x ON x.indexrelid = co.conindid AND co.contype IN ('p', 'u', 'x')
LEFT JOIN pg_class ic ON ic.oid = x.indexrelid
LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
WHERE (co.contype IN ('p', 'u', 'x', 'f') OR (co.contype = 'c' AND NOT co.convalidated AND co.conislocal))
  AND c.relkind IN ('r', 'p', 'f') AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND (co.contype <> 'f' OR co.conparentid = 0)
  AND (co.confrelid = 0 OR EXISTS (SELECT 1 FROM pg_class rc WHERE rc.oid = co.confrelid
                                   AND pd_plain_relation(rc.relkind)));
