-- Security labels of the database's objects, to follow them (labels on columns follow their
-- table); pg_identify_object names the object as SECURITY LABEL wants it.  Not large objects'
-- (large_objects.sql reads them with their large objects).
-- Returns: classid oid, objid oid, statement text, tag text
SELECT l.classoid AS classid, l.objoid AS objid,
    format(E'SECURITY LABEL FOR %I ON %s %s IS %L;\n', l.provider,
        CASE o.type WHEN 'table column' THEN 'COLUMN' WHEN 'view column' THEN 'COLUMN'
             WHEN 'materialized view column' THEN 'COLUMN' WHEN 'foreign table column' THEN 'COLUMN'
             ELSE upper(o.type) END, o.identity, l.label) AS statement,
    upper(o.type) || ' ' || o.identity AS tag
FROM pg_seclabel l CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) o
WHERE l.classoid <> 'pg_largeobject'::regclass;
