-- Publications (their tables and schemas: publication_tables.sql, publication_schemas.sql).
-- Returns: an object row (README.md)
SELECT 'pg_publication'::regclass::oid AS classid, p.oid AS objid, 'PUBLICATION' AS kind, p.pubname AS tag,
    NULL AS schema, pg_get_userbyid(p.pubowner) AS owner,
    format(E'CREATE PUBLICATION %I%s WITH (publish = %L%s);\n', p.pubname,
        CASE WHEN p.puballtables THEN ' FOR ALL TABLES' ELSE '' END,
        concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                  CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END),
        CASE WHEN p.pubviaroot THEN ', publish_via_partition_root = true' ELSE '' END) AS defn,
    format(E'DROP PUBLICATION %I;\n', p.pubname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('PUBLICATION %I', p.pubname) AS comment_target, format('PUBLICATION %I', p.pubname) AS comment_tag,
    obj_description(p.oid, 'pg_publication') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_publication p
WHERE $3;
