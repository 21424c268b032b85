-- Sequences whose current value is dumped (SEQUENCE SET) when their sequence or identity column
-- is: identity sequences included, and an extension's sequences marked for dumping.
-- Returns: relid oid, schema name, tag name, owner name, qualified text
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    format('%I.%I', n.nspname, c.relname) AS qualified
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'S' AND pd_user_schema(n.nspname)
  AND (c.oid NOT IN (SELECT objid FROM pd_extension_members('pg_class'))
       OR EXISTS (SELECT 1 FROM pg_extension x WHERE c.oid = ANY (x.extconfig)));
