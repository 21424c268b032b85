-- Privileges changed on pg_catalog itself and its objects since initdb (the base is pg_init_privs,
-- else the built-in default), dumped like pg_dump's when no -n/-t narrows the dump, and on the
-- procedural languages initdb made (plpgsql, a member of a built-in extension: dumped whatever the
-- selection, as pg_dump does): the columns of extension_member_acls.sql plus the quoted column for
-- column privileges ('' for a whole object; system columns too), each object's rows together.
-- Returns: classid oid, objid oid, acl_kind text, acl_name text, acl_tag text, schema text, owner name, acl text, initprivs text, column_quoted text
SELECT 'pg_namespace'::regclass::oid AS classid, n.oid AS objid, 'SCHEMA' AS acl_kind, 'pg_catalog' AS acl_name,
    'SCHEMA pg_catalog' AS acl_tag, NULL AS schema, pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text AS acl,
    (SELECT initprivs::text FROM pd_init_privs('pg_namespace', n.oid)) AS initprivs, '' AS column_quoted
FROM pg_namespace n
WHERE $3 AND n.nspname = 'pg_catalog'
  AND n.nspacl IS NOT NULL
  AND n.nspacl::text IS DISTINCT FROM (SELECT initprivs::text FROM pd_init_privs('pg_namespace', n.oid))
UNION ALL
SELECT 'pg_proc'::regclass::oid, p.oid, k.kind, format('pg_catalog.%I(%s)', p.proname, k.args),
    format('%s %s(%s)', k.kind, p.proname, k.args), 'pg_catalog', pg_get_userbyid(p.proowner), p.proacl::text,
    (SELECT initprivs::text FROM pd_init_privs('pg_proc', p.oid)), ''
FROM pg_proc p
CROSS JOIN LATERAL (SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind,
                           pg_get_function_identity_arguments(p.oid) AS args) k
WHERE $3 AND p.pronamespace = 'pg_catalog'::regnamespace
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_proc') m WHERE m.objid = p.oid)
  AND p.proacl IS NOT NULL
  AND p.proacl::text IS DISTINCT FROM (SELECT initprivs::text FROM pd_init_privs('pg_proc', p.oid))
UNION ALL
SELECT 'pg_class'::regclass::oid, c.oid, k.kind, format('pg_catalog.%I', c.relname),
    format('%s %s', k.kind, c.relname), 'pg_catalog', pg_get_userbyid(c.relowner), c.relacl::text,
    (SELECT initprivs::text FROM pd_init_privs('pg_class', c.oid)), ''
FROM pg_class c CROSS JOIN LATERAL (SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind) k
WHERE $3 AND c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p')
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
  AND c.relacl IS NOT NULL
  AND c.relacl::text IS DISTINCT FROM (SELECT initprivs::text FROM pd_init_privs('pg_class', c.oid))
UNION ALL
SELECT 'pg_class'::regclass::oid, c.oid, 'TABLE', format('pg_catalog.%I', c.relname),
    format('COLUMN %I.%I', c.relname, a.attname), 'pg_catalog', pg_get_userbyid(c.relowner), a.attacl::text,
    (SELECT initprivs::text FROM pd_column_init_privs('pg_class', c.oid, a.attnum)), quote_ident(a.attname)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE $3 AND c.relnamespace = 'pg_catalog'::regnamespace AND a.attnum <> 0 AND NOT a.attisdropped
  AND a.attacl IS NOT NULL
  AND a.attacl::text IS DISTINCT FROM (SELECT initprivs::text FROM pd_column_init_privs('pg_class', c.oid, a.attnum))
UNION ALL
SELECT 'pg_type'::regclass::oid, t.oid, 'TYPE', format('pg_catalog.%I', t.typname), format('TYPE %s', t.typname),
    'pg_catalog', pg_get_userbyid(t.typowner), t.typacl::text,
    (SELECT initprivs::text FROM pd_init_privs('pg_type', t.oid)), ''
FROM pg_type t
WHERE $3 AND t.typnamespace = 'pg_catalog'::regnamespace
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid)
  AND t.typacl IS NOT NULL
  AND t.typacl::text IS DISTINCT FROM (SELECT initprivs::text FROM pd_init_privs('pg_type', t.oid))
UNION ALL
SELECT 'pg_language'::regclass::oid, l.oid, 'LANGUAGE', quote_ident(l.lanname), 'LANGUAGE ' || quote_ident(l.lanname),
    NULL, pg_get_userbyid(l.lanowner), l.lanacl::text,
    (SELECT initprivs::text FROM pd_init_privs('pg_language', l.oid)), ''
FROM pg_language l
WHERE l.lanispl AND l.oid < 16384
  AND l.lanacl IS NOT NULL
  AND l.lanacl::text IS DISTINCT FROM (SELECT initprivs::text FROM pd_init_privs('pg_language', l.oid))
ORDER BY classid, objid, column_quoted;
