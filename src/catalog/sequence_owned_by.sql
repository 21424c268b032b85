-- ALTER SEQUENCE ... OWNED BY of sequences owned by a column (kept when both are dumped).
-- Returns: relid oid, schema name, tag name, owner name, defn text, table_oid oid
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    format(E'ALTER SEQUENCE %I.%I OWNED BY %I.%I.%I;\n', n.nspname, c.relname, tn.nspname, t.relname, a.attname)
        AS defn,
    t.oid AS table_oid
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
WHERE c.relkind = 'S' AND pd_user_schema(n.nspname)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
