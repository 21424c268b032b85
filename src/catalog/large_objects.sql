-- Large objects' metadata: owner, comment, privileges, security labels (their contents: the
-- BLOBS entry), in pg_dump's order of large objects (by name, the oid as text, as strcmp): the
-- plan keeps them in the order they come (DumpPlan::add_large_object).  labels: the SECURITY
-- LABEL statements (each provider's, in pg_seclabel's order, as security_labels.sql reads
-- the others), tagged label_tag.
-- Returns: an object row (README.md), labels text[], label_tag text
SELECT 'pg_largeobject'::regclass::oid AS classid, l.oid AS objid, 'BLOB' AS kind, l.oid::text AS tag,
    NULL AS schema, pg_get_userbyid(l.lomowner) AS owner,
    format(E'SELECT pg_catalog.lo_create(%L);\n', l.oid) AS defn,
    format(E'SELECT pg_catalog.lo_unlink(%L);\n', l.oid) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    'LARGE OBJECT ' || l.oid AS comment_target, 'LARGE OBJECT ' || l.oid AS comment_tag,
    obj_description(l.oid, 'pg_largeobject') AS comment,
    'LARGE OBJECT' AS acl_kind, l.oid::text AS acl_name, 'LARGE OBJECT ' || l.oid AS acl_tag, l.lomacl::text AS acl,
    s.labels, 'LARGE OBJECT ' || l.oid AS label_tag
FROM pg_largeobject_metadata l
LEFT JOIN (SELECT objoid,
                  array_agg(format(E'SECURITY LABEL FOR %I ON LARGE OBJECT %s IS %L;\n', provider, objoid, label)
                            ORDER BY ctid) AS labels
           FROM pg_seclabel
           WHERE classoid = 'pg_largeobject'::regclass AND objsubid = 0
           GROUP BY objoid) s ON s.objoid = l.oid
WHERE $3
ORDER BY l.oid::text COLLATE "C";
