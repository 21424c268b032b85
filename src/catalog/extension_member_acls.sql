-- Privileges changed on the functions, relations, types and languages of extensions, emitted with
-- the extension; the base is what CREATE EXTENSION gave them (pg_init_privs), else the built-in
-- default (acldefault), as pg_dump's dumpACL.
-- Returns: classid oid, objid oid, acl_kind text, acl_name text, acl_tag text, schema name, owner name, acl text, initprivs text
SELECT 'pg_proc'::regclass::oid AS classid, p.oid AS objid,
    CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS acl_kind,
    format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS acl_name,
    format('%s %s(%s)', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.proname,
           pg_get_function_identity_arguments(p.oid)) AS acl_tag, n.nspname AS schema,
    pg_get_userbyid(p.proowner) AS owner, p.proacl::text AS acl, b.base::text AS initprivs
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL (SELECT coalesce((SELECT initprivs FROM pd_init_privs('pg_proc', p.oid)),
                                    acldefault('f', p.proowner)) AS base) b
WHERE EXISTS (SELECT FROM pd_extension_members('pg_proc') m WHERE m.objid = p.oid)
  AND p.proacl IS NOT NULL AND p.proacl::text IS DISTINCT FROM b.base::text
UNION ALL
SELECT 'pg_class'::regclass::oid, c.oid, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
    format('%I.%I', n.nspname, c.relname),
    format('%s %s', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, quote_ident(c.relname)), n.nspname,
    pg_get_userbyid(c.relowner), c.relacl::text, b.base::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (SELECT coalesce((SELECT initprivs FROM pd_init_privs('pg_class', c.oid)),
                                    acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
                           AS base) b
WHERE EXISTS (SELECT FROM pd_extension_members('pg_class') m WHERE m.objid = c.oid)
  AND c.relacl IS NOT NULL AND c.relacl::text IS DISTINCT FROM b.base::text
UNION ALL
SELECT 'pg_type'::regclass::oid, t.oid, 'TYPE', format('%I.%I', n.nspname, t.typname),
    format('TYPE %s', quote_ident(t.typname)), n.nspname, pg_get_userbyid(t.typowner), t.typacl::text, b.base::text
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
CROSS JOIN LATERAL (SELECT coalesce((SELECT initprivs FROM pd_init_privs('pg_type', t.oid)),
                                    acldefault('T', t.typowner)) AS base) b
WHERE EXISTS (SELECT FROM pd_extension_members('pg_type') m WHERE m.objid = t.oid)
  AND t.typacl IS NOT NULL AND t.typacl::text IS DISTINCT FROM b.base::text;
