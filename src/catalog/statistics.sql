-- Extended statistics of dumped tables, in the schemas the selection dumps (none with -t: pg_dump's
-- selectDumpableObject goes by the statistics object's own schema).
-- Returns: an object row (README.md)
SELECT 'pg_statistic_ext'::regclass::oid AS classid, s.oid AS objid, 'STATISTICS' AS kind, s.stxname AS tag,
    n.nspname AS schema, pg_get_userbyid(s.stxowner) AS owner,
    pg_get_statisticsobjdef(s.oid) || E';\n'
    || CASE WHEN s.stxstattarget >= 0
            THEN format(E'ALTER STATISTICS %I.%I SET STATISTICS %s;\n', n.nspname, s.stxname, s.stxstattarget)
            ELSE '' END AS defn,
    format(E'DROP STATISTICS %I.%I;\n', n.nspname, s.stxname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('STATISTICS %I.%I', n.nspname, s.stxname) AS comment_target,
    format('STATISTICS %I', s.stxname) AS comment_tag, obj_description(s.oid, 'pg_statistic_ext') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace cn ON cn.oid = c.relnamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_statistic_ext') m WHERE m.objid = s.oid)
  AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, cn.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
