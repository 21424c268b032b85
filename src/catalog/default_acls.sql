-- Default privileges (ALTER DEFAULT PRIVILEGES), global ones only when nothing narrows the dump.
-- Returns: oid oid, role name, schema name, objects text, acl text
SELECT d.oid, pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema,
    CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
         WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' END AS objects,
    d.defaclacl::text AS acl
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
WHERE CASE WHEN d.defaclnamespace = 0 THEN $3 ELSE pd_selected_schema(n.oid, $1) END;
