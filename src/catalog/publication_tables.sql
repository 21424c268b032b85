-- The tables of publications, with their column lists and row filters.
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_publication_rel'::regclass::oid AS classid, pr.oid AS objid, 'PUBLICATION TABLE' AS kind,
    p.pubname || ' ' || c.relname AS tag, n.nspname AS schema, pg_get_userbyid(p.pubowner) AS owner,
    format(E'ALTER PUBLICATION %I ADD TABLE ONLY %I.%I%s%s;\n', p.pubname, n.nspname, c.relname,
        CASE WHEN pr.prattrs IS NOT NULL
             THEN ' (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i)
                           FROM unnest(pr.prattrs::int2[]) WITH ORDINALITY k(attnum, i)
                           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) || ')' END,
        CASE WHEN pr.prqual IS NOT NULL THEN ' WHERE (' || pg_get_expr(pr.prqual, pr.prrelid) || ')' END) AS defn,
    NULL AS drop_stmt, NULL AS tablespace, NULL AS tableam, NULL AS comment_target, NULL AS comment_tag,
    NULL AS comment, NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    c.relname AS sort_name, ARRAY[p.pubname::text] AS sort_ties
FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid JOIN pg_class c ON c.oid = pr.prrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE $3 AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
