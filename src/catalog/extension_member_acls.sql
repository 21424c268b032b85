-- Privileges changed on the functions, relations and types of extensions, emitted with the
-- extension; the base is what CREATE EXTENSION gave them (pg_init_privs).
-- Returns: classid oid, objid oid, acl_kind text, acl_name text, acl_tag text, schema name, owner name, acl text, initprivs text
SELECT 'pg_proc'::regclass::oid AS classid, p.oid AS objid,
    CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS acl_kind,
    format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS acl_name,
    format('FUNCTION %s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS acl_tag, n.nspname AS schema,
    pg_get_userbyid(p.proowner) AS owner, p.proacl::text AS acl,
    (SELECT initprivs::text FROM pd_init_privs('pg_proc', p.oid)) AS initprivs
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.oid IN (SELECT objid FROM pd_extension_members('pg_proc'))
  AND p.proacl IS NOT NULL AND p.proacl IS DISTINCT FROM (SELECT initprivs FROM pd_init_privs('pg_proc', p.oid))
UNION ALL
SELECT 'pg_class'::regclass::oid, c.oid, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
    format('%I.%I', n.nspname, c.relname), format('TABLE %s', c.relname), n.nspname,
    pg_get_userbyid(c.relowner), c.relacl::text, (SELECT initprivs::text FROM pd_init_privs('pg_class', c.oid))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid IN (SELECT objid FROM pd_extension_members('pg_class'))
  AND c.relacl IS NOT NULL AND c.relacl IS DISTINCT FROM (SELECT initprivs FROM pd_init_privs('pg_class', c.oid))
UNION ALL
SELECT 'pg_type'::regclass::oid, t.oid, 'TYPE', format('%I.%I', n.nspname, t.typname),
    format('TYPE %s', t.typname), n.nspname, pg_get_userbyid(t.typowner), t.typacl::text,
    (SELECT initprivs::text FROM pd_init_privs('pg_type', t.oid))
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.oid IN (SELECT objid FROM pd_extension_members('pg_type'))
  AND t.typacl IS NOT NULL AND t.typacl IS DISTINCT FROM (SELECT initprivs FROM pd_init_privs('pg_type', t.oid));
