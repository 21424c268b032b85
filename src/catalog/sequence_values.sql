-- Sequences whose current value is dumped (SEQUENCE SET) when their sequence or identity column
-- is: identity sequences included, and an extension's sequences marked for dumping (config), which
-- follow the selection as extension configuration tables do (selected: extension_config_data.sql).
-- Returns: relid oid, schema name, tag name, owner name, qualified text, config boolean, selected boolean
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS tag, pg_get_userbyid(c.relowner) AS owner,
    format('%I.%I', n.nspname, c.relname) AS qualified, cfg.config,
    cfg.config AND pd_selected_relation(c.oid, c.relnamespace, $1, $2, $4) AND NOT c.oid = ANY ($5) AS selected
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM pg_extension x WHERE x.oid >= 16384 AND c.oid = ANY (x.extconfig))
                    AS config) cfg
WHERE c.relkind = 'S' AND pd_user_schema(n.nspname)
  AND (NOT EXISTS (SELECT FROM pd_extension_members('pg_class') m WHERE m.objid = c.oid) OR cfg.config);
