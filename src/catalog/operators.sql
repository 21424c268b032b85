-- Operators (shell operators, without a function, are not dumped), as dumpOpr:
-- the entry tagged with the name alone, the comment and DROP with
-- "name (left, right)", the options in dumpOpr's order.
-- Returns: an object row (README.md)
SELECT 'pg_operator'::regclass::oid AS classid, o.oid AS objid, 'OPERATOR' AS kind,
    o.oprname AS tag,
    n.nspname AS schema, pg_get_userbyid(o.oprowner) AS owner,
    format(E'CREATE OPERATOR %I.%s (\n    FUNCTION = %s%s%s%s%s%s%s%s%s\n);\n', n.nspname, o.oprname,
        o.oprcode::regproc,
        CASE WHEN o.oprleft <> 0 THEN E',\n    LEFTARG = ' || format_type(o.oprleft, NULL) END,
        CASE WHEN o.oprright <> 0 THEN E',\n    RIGHTARG = ' || format_type(o.oprright, NULL) END,
        (SELECT format(E',\n    COMMUTATOR = OPERATOR(%I.%s)', cn.nspname, co.oprname) FROM pg_operator co
         JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprcom),
        (SELECT format(E',\n    NEGATOR = OPERATOR(%I.%s)', cn.nspname, co.oprname) FROM pg_operator co
         JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprnegate),
        CASE WHEN o.oprcanmerge THEN E',\n    MERGES' END, CASE WHEN o.oprcanhash THEN E',\n    HASHES' END,
        CASE WHEN o.oprrest <> 0 THEN E',\n    RESTRICT = ' || o.oprrest::regproc::text END,
        CASE WHEN o.oprjoin <> 0 THEN E',\n    JOIN = ' || o.oprjoin::regproc::text END) AS defn,
    format(E'DROP OPERATOR %I.%s;\n', n.nspname, a.oprid) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('OPERATOR %I.%s', n.nspname, a.oprid) AS comment_target,
    format('OPERATOR %s', a.oprid) AS comment_tag, obj_description(o.oid, 'pg_operator') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
CROSS JOIN LATERAL (SELECT format('%s (%s, %s)', o.oprname, coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE'),
                                  coalesce(format_type(nullif(o.oprright, 0), NULL), 'NONE')) AS oprid) a
WHERE o.oprcode <> 0 AND pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND o.oid NOT IN (SELECT objid FROM pd_member_objects('pg_operator'));
