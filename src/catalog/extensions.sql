-- Extensions, as CREATE EXTENSION (built-in ones, plpgsql, come with every database).  No owner;
-- their comments have an empty one (pg_dump's dumpExtension: the reader sets it).
-- Returns: an object row (README.md)
SELECT 'pg_extension'::regclass::oid AS classid, x.oid AS objid, 'EXTENSION' AS kind, x.extname AS tag,
    NULL AS schema, NULL AS owner,
    format(E'CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I;\n', x.extname, n.nspname) AS defn,
    format(E'DROP EXTENSION %I;\n', x.extname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('EXTENSION %I', x.extname) AS comment_target, format('EXTENSION %I', x.extname) AS comment_tag,
    obj_description(x.oid, 'pg_extension') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
WHERE $3 AND x.oid >= 16384;
