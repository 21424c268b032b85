-- Large objects' metadata: owner, comment, privileges, security labels (their contents: the
-- BLOBS entry).  labels: the SECURITY LABEL statements one after another, for one entry
-- (each provider's, as the index of pg_seclabel has them: by provider; an ORDER BY there cost
-- 4 us a large object), tagged label_tag.  The reader wants them in
-- pg_dump's order (by name, the oid as text, as strcmp: DumpPlan::add_large_object) without a
-- sort of them all: it reads this query once per number of digits of the oid, each in oid order
-- (the index), and merges them (catalog_reader.cpp's read_large_objects).
-- Returns: an object row (README.md), labels text, label_tag text
SELECT 'pg_largeobject'::regclass::oid AS classid, l.oid AS objid, 'BLOB' AS kind, l.oid::text AS tag,
    NULL AS schema, pg_get_userbyid(l.lomowner) AS owner,
    format(E'SELECT pg_catalog.lo_create(%L);\n', l.oid) AS defn,
    format(E'SELECT pg_catalog.lo_unlink(%L);\n', l.oid) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    'LARGE OBJECT ' || l.oid AS comment_target, 'LARGE OBJECT ' || l.oid AS comment_tag,
    obj_description(l.oid, 'pg_largeobject') AS comment,
    'LARGE OBJECT' AS acl_kind, l.oid::text AS acl_name, 'LARGE OBJECT ' || l.oid AS acl_tag, l.lomacl::text AS acl,
    (SELECT string_agg(format(E'SECURITY LABEL FOR %I ON LARGE OBJECT %s IS %s;\n', s.provider, l.oid, '''' || replace(s.label, '''', '''''') || ''''), '')
     FROM pg_seclabel s
     WHERE s.objoid = l.oid AND s.classoid = 'pg_largeobject'::regclass AND s.objsubid = 0) AS labels,
    'LARGE OBJECT ' || l.oid AS label_tag
FROM pg_largeobject_metadata l
WHERE $3;
