-- Text search configurations with their mappings, as dumpTSConfig writes them: one
-- ALTER per token type after a blank line, the token quoted, the dictionaries as
-- regdictionary prints them.
-- Returns: an object row (README.md)
SELECT 'pg_ts_config'::regclass::oid AS classid, c.oid AS objid, 'TEXT SEARCH CONFIGURATION' AS kind,
    c.cfgname AS tag, n.nspname AS schema, pg_get_userbyid(c.cfgowner) AS owner,
    (SELECT format(E'CREATE TEXT SEARCH CONFIGURATION %I.%I (\n    PARSER = %I.%I );\n', n.nspname,
                   c.cfgname, pn.nspname, p.prsname)
     FROM pg_ts_parser p JOIN pg_namespace pn ON pn.oid = p.prsnamespace WHERE p.oid = c.cfgparser)
    || coalesce((SELECT string_agg(format(E'\nALTER TEXT SEARCH CONFIGURATION %I.%I\n    ADD MAPPING FOR %I WITH %s;\n',
                                          n.nspname, c.cfgname, tt.alias, m.dicts), '' ORDER BY m.maptokentype)
                 FROM (SELECT mm.maptokentype,
                              string_agg(mm.mapdict::regdictionary::text, ', ' ORDER BY mm.mapseqno) AS dicts
                       FROM pg_ts_config_map mm
                       WHERE mm.mapcfg = c.oid GROUP BY mm.maptokentype) m
                 JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype), '') AS defn,
    format(E'DROP TEXT SEARCH CONFIGURATION %I.%I;\n', n.nspname, c.cfgname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('TEXT SEARCH CONFIGURATION %I.%I', n.nspname, c.cfgname) AS comment_target,
    format('TEXT SEARCH CONFIGURATION %I', c.cfgname) AS comment_tag, obj_description(c.oid, 'pg_ts_config') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_ts_config') m WHERE m.objid = c.oid);
