-- Operator families, with the operators and functions that no operator class of theirs binds
-- (as dumpOpfamily: operators by strategy, functions by number, separated by " ,").
-- Returns: an object row (README.md), plus sort_ties (what pg_dump sorts it by)
SELECT 'pg_opfamily'::regclass::oid AS classid, f.oid AS objid, 'OPERATOR FAMILY' AS kind, f.opfname AS tag,
    n.nspname AS schema, pg_get_userbyid(f.opfowner) AS owner,
    format(E'CREATE OPERATOR FAMILY %I.%I USING %I;\n', n.nspname, f.opfname, am.amname)
    || coalesce((SELECT format(E'ALTER OPERATOR FAMILY %I.%I USING %I ADD\n    %s;\n', n.nspname, f.opfname,
                               am.amname, string_agg(item, E' ,\n    ' ORDER BY k, num, item))
                 FROM (SELECT 1 AS k, a.amopstrategy AS num, i.item FROM pg_amop a
                       CROSS JOIN LATERAL pd_amop_item(a.amopstrategy, a.amopopr, a.amoppurpose, a.amopsortfamily) i
                       WHERE a.amopfamily = f.oid
                         AND NOT EXISTS (SELECT FROM pd_opclass_members('pg_amop') m WHERE m.objid = a.oid)
                       UNION ALL
                       SELECT 2, p.amprocnum, pd_amproc_item(p.amprocnum, p.amproclefttype, p.amprocrighttype, p.amproc)
                       FROM pg_amproc p
                       WHERE p.amprocfamily = f.oid
                         AND NOT EXISTS (SELECT FROM pd_opclass_members('pg_amproc') m WHERE m.objid = p.oid)
                      ) loose HAVING count(*) > 0), '') AS defn,
    format(E'DROP OPERATOR FAMILY %I.%I USING %I;\n', n.nspname, f.opfname, am.amname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('OPERATOR FAMILY %I.%I USING %I', n.nspname, f.opfname, am.amname) AS comment_target,
    format('OPERATOR FAMILY %I USING %I', f.opfname, am.amname) AS comment_tag,
    obj_description(f.oid, 'pg_opfamily') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl, ARRAY[am.amname::text] AS sort_ties
FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_opfamily') m WHERE m.objid = f.oid);
