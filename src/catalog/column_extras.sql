-- Comments and privileges of columns, to follow their relation's entries (composite types' columns
-- take comments only).
-- Returns: relid oid, schema name, table_name name, owner name, column_quoted text, column_name name, comment text, acl text, relkind "char"
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS table_name, pg_get_userbyid(c.relowner) AS owner,
    quote_ident(a.attname) AS column_quoted, a.attname AS column_name, col_description(c.oid, a.attnum) AS comment,
    a.attacl::text AS acl, c.relkind
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND pd_user_schema(n.nspname)
  AND (a.attacl IS NOT NULL OR col_description(c.oid, a.attnum) IS NOT NULL);
