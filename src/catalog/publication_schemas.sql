-- The schemas of publications (FOR TABLES IN SCHEMA).
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_publication_namespace'::regclass::oid AS classid, pn.oid AS objid, 'PUBLICATION TABLES IN SCHEMA' AS kind,
    p.pubname || ' ' || n.nspname AS tag, n.nspname AS schema, pg_get_userbyid(p.pubowner) AS owner,
    format(E'ALTER PUBLICATION %I ADD TABLES IN SCHEMA %I;\n', p.pubname, n.nspname) AS defn,
    NULL AS drop_stmt, NULL AS tablespace, NULL AS tableam, NULL AS comment_target, NULL AS comment_tag,
    NULL AS comment, NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    n.nspname AS sort_name, ARRAY[p.pubname::text] AS sort_ties
FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid
JOIN pg_namespace n ON n.oid = pn.pnnspid
WHERE $3 AND pd_selected_schema(n.oid, $1);
