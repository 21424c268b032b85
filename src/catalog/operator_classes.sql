-- Operator classes with their operators and support functions, as dumpOpclass
-- lists them: STORAGE first, then operators by strategy and functions by
-- number, separated by " ,".
-- Returns: an object row (README.md), plus sort_ties (what pg_dump sorts it by)
SELECT 'pg_opclass'::regclass::oid AS classid, c.oid AS objid, 'OPERATOR CLASS' AS kind, c.opcname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.opcowner) AS owner,
    format(E'CREATE OPERATOR CLASS %I.%I\n    %sFOR TYPE %s USING %I FAMILY %I.%I AS\n    %s;\n',
        n.nspname, c.opcname, CASE WHEN c.opcdefault THEN 'DEFAULT ' ELSE '' END, format_type(c.opcintype, NULL),
        am.amname, fn.nspname, f.opfname,
        coalesce((SELECT string_agg(item, E' ,\n    ' ORDER BY k, num, item)
                  FROM (SELECT 0 AS k, 0 AS num, 'STORAGE ' || format_type(c.opckeytype, NULL) AS item
                        WHERE c.opckeytype <> 0
                        UNION ALL
                        SELECT 1, a.amopstrategy, i.item FROM pg_amop a JOIN pg_depend md ON md.classid = 'pg_amop'::regclass
                            AND md.objid = a.oid AND md.refclassid = 'pg_opclass'::regclass AND md.refobjid = c.oid
                            AND md.deptype = 'i'
                        CROSS JOIN LATERAL pd_amop_item(a.amopstrategy, a.amopopr, a.amoppurpose, a.amopsortfamily) i
                        UNION ALL
                        SELECT 2, p.amprocnum, pd_amproc_item(p.amprocnum, p.amproclefttype, p.amprocrighttype, p.amproc)
                        FROM pg_amproc p JOIN pg_depend md
                            ON md.classid = 'pg_amproc'::regclass AND md.objid = p.oid
                            AND md.refclassid = 'pg_opclass'::regclass AND md.refobjid = c.oid AND md.deptype = 'i'
                       ) items),
                 -- a class without members: pg_dump's stand-in, a STORAGE clause naming the indexed type
                 'STORAGE ' || format_type(c.opcintype, NULL))) AS defn,
    format(E'DROP OPERATOR CLASS %I.%I USING %I;\n', n.nspname, c.opcname, am.amname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('OPERATOR CLASS %I.%I USING %I', n.nspname, c.opcname, am.amname) AS comment_target,
    format('OPERATOR CLASS %I USING %I', c.opcname, am.amname) AS comment_tag,
    obj_description(c.oid, 'pg_opclass') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl, ARRAY[am.amname::text] AS sort_ties
FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod
JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_opclass') m WHERE m.objid = c.oid);
