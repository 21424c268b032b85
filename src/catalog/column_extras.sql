-- Comments and privileges of columns, to follow their relation's entries (composite types' columns
-- take comments only), system columns' privileges too; initprivs is what CREATE EXTENSION gave the
-- column of an extension member (pg_init_privs): a column whose privileges were all revoked since
-- has no ACL but still its row.
-- tag: the COMMENT and ACL entries' tag, as pg_dump's (COLUMN "Odd Table"."Odd Col").
-- Returns: relid oid, schema name, table_name name, owner name, column_quoted text, tag text, comment text, acl text, relkind "char", initprivs text
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS table_name, pg_get_userbyid(c.relowner) AS owner,
    quote_ident(a.attname) AS column_quoted, format('COLUMN %I.%I', c.relname, a.attname) AS tag,
    CASE WHEN a.attnum > 0 THEN col_description(c.oid, a.attnum) END AS comment, a.attacl::text AS acl, c.relkind,
    ip.initprivs::text AS initprivs
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN LATERAL pd_column_init_privs('pg_class', c.oid, a.attnum) ip ON true
WHERE a.attnum <> 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND pd_user_schema(n.nspname)
  AND (a.attacl IS NOT NULL OR ip.initprivs IS NOT NULL OR (a.attnum > 0 AND col_description(c.oid, a.attnum) IS NOT NULL))
ORDER BY c.oid, a.attnum;
