-- Large objects' metadata: owner, comment, privileges (their contents: the BLOBS entry).
-- Returns: an object row (README.md)
SELECT 'pg_largeobject'::regclass::oid AS classid, l.oid AS objid, 'BLOB' AS kind, l.oid::text AS tag,
    NULL AS schema, pg_get_userbyid(l.lomowner) AS owner,
    format(E'SELECT pg_catalog.lo_create(%L);\n', l.oid) AS defn,
    format(E'SELECT pg_catalog.lo_unlink(%L);\n', l.oid) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    'LARGE OBJECT ' || l.oid AS comment_target, 'LARGE OBJECT ' || l.oid AS comment_tag,
    obj_description(l.oid, 'pg_largeobject') AS comment,
    'LARGE OBJECT' AS acl_kind, l.oid::text AS acl_name, 'LARGE OBJECT ' || l.oid AS acl_tag, l.lomacl::text AS acl
FROM pg_largeobject_metadata l
WHERE $3;
