-- The DATABASE PROPERTIES entry of pg_dump's dumpDatabase/dumpDatabaseConfig: connection limit,
-- template flag, and the settings of ALTER DATABASE ... SET and ALTER ROLE ... IN DATABASE ... SET,
-- quoted as makeAlterConfigCommand does (list settings element by element).  No row when there
-- is nothing to set; else in every dump, whatever the selection or data_only.
-- Returns: tag name, owner name, defn text, drop_stmt text
WITH db AS (
    SELECT d.oid, d.datname, d.datdba, d.datconnlimit, d.datistemplate
    FROM pg_database d WHERE d.datname = current_database()
), items AS (
    SELECT s.setrole = 0 AS own, s.ctid AS pos, c.ord,
        CASE WHEN s.setrole = 0 THEN format('ALTER DATABASE %I ', db.datname)
             ELSE format('ALTER ROLE %I IN DATABASE %I ', r.rolname, db.datname) END AS prefix,
        left(c.item, strpos(c.item, '=') - 1) AS name, substr(c.item, strpos(c.item, '=') + 1) AS value
    FROM db JOIN pg_db_role_setting s ON s.setdatabase = db.oid
    LEFT JOIN pg_roles r ON r.oid = s.setrole
    CROSS JOIN LATERAL unnest(s.setconfig) WITH ORDINALITY c(item, ord)
    WHERE strpos(c.item, '=') > 0 AND (s.setrole = 0 OR r.oid IS NOT NULL)
), commands AS (
    SELECT own, pos, ord, prefix || format('SET %I TO ', name) ||
        CASE WHEN lower(name) IN ('local_preload_libraries', 'search_path', 'session_preload_libraries',
                                  'shared_preload_libraries', 'temp_tablespaces', 'unix_socket_directories')
             THEN coalesce((SELECT string_agg(quote_literal(coalesce(replace(m[1], '""', '"'), m[2])), ', ' ORDER BY n)
                            FROM regexp_matches(value, '\s*(?:"((?:[^"]|"")*)"|([^,\s]+))\s*(?:,|$)', 'g')
                                 WITH ORDINALITY e(m, n)), '')
             ELSE quote_literal(value) END || E';\n' AS command
    FROM items
)
SELECT db.datname AS tag, pg_get_userbyid(db.datdba) AS owner, p.defn,
    CASE WHEN db.datistemplate
         THEN E'UPDATE pg_catalog.pg_database SET datistemplate = false WHERE datname = '
              || '''' || replace(db.datname, '''', '''''') || E''';\n' ELSE '' END AS drop_stmt
FROM db CROSS JOIN LATERAL (
    SELECT concat(CASE WHEN db.datconnlimit <> -1
                       THEN format(E'ALTER DATABASE %I CONNECTION LIMIT = %s;\n', db.datname, db.datconnlimit) END,
                  CASE WHEN db.datistemplate THEN format(E'ALTER DATABASE %I IS_TEMPLATE = true;\n', db.datname) END,
                  (SELECT string_agg(command, '' ORDER BY NOT own, pos, ord) FROM commands)) AS defn) p
WHERE p.defn <> '';
