-- Operators (shell operators, without a function, are not dumped), as dumpOpr:
-- the entry tagged with the name alone, the comment and DROP with
-- "name (left, right)", the options in dumpOpr's order.
-- Returns: an object row (README.md), plus sort_ties (what pg_dump sorts it by)
SELECT 'pg_operator'::regclass::oid AS classid, o.oid AS objid, 'OPERATOR' AS kind,
    o.oprname AS tag,
    n.nspname AS schema, pg_get_userbyid(o.oprowner) AS owner,
    format(E'CREATE OPERATOR %I.%s (\n    FUNCTION = %s%s%s%s%s%s%s%s%s\n);\n', n.nspname, o.oprname,
        f.code,
        CASE WHEN o.oprleft <> 0 THEN E',\n    LEFTARG = ' || format_type(o.oprleft, NULL) END,
        CASE WHEN o.oprright <> 0 THEN E',\n    RIGHTARG = ' || format_type(o.oprright, NULL) END,
        (SELECT format(E',\n    COMMUTATOR = OPERATOR(%I.%s)', cn.nspname, co.oprname) FROM pg_operator co
         JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprcom),
        (SELECT format(E',\n    NEGATOR = OPERATOR(%I.%s)', cn.nspname, co.oprname) FROM pg_operator co
         JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprnegate),
        CASE WHEN o.oprcanmerge THEN E',\n    MERGES' END, CASE WHEN o.oprcanhash THEN E',\n    HASHES' END,
        CASE WHEN o.oprrest <> 0 THEN E',\n    RESTRICT = ' || f.rest END,
        CASE WHEN o.oprjoin <> 0 THEN E',\n    JOIN = ' || f.join_fn END) AS defn,
    format(E'DROP OPERATOR %I.%s;\n', n.nspname, a.oprid) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('OPERATOR %I.%s', n.nspname, a.oprid) AS comment_target,
    format('OPERATOR %s', a.oprid) AS comment_tag, obj_description(o.oid, 'pg_operator') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    -- DOTypeNameCompare: the kind (postfix, prefix, infix), then the argument types
    ARRAY[CASE o.oprkind WHEN 'r' THEN '1' WHEN 'l' THEN '2' ELSE '3' END]
    || coalesce((SELECT ARRAY[tn.nspname::text, t.typname::text] FROM pg_type t
                    JOIN pg_namespace tn ON tn.oid = t.typnamespace WHERE t.oid = o.oprleft), ARRAY['', ''])
    || coalesce((SELECT ARRAY[tn.nspname::text, t.typname::text] FROM pg_type t
                    JOIN pg_namespace tn ON tn.oid = t.typnamespace WHERE t.oid = o.oprright), ARRAY['', '']) AS sort_ties
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
CROSS JOIN LATERAL (SELECT format('%s (%s, %s)', o.oprname, coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE'),
                                  coalesce(format_type(nullif(o.oprright, 0), NULL), 'NONE')) AS oprid) a
-- dumpOpr's convertRegProcReference: regprocedure (bare when visible: pg_catalog's) without its arguments
CROSS JOIN LATERAL (SELECT n[1] AS code, n[2] AS rest, n[3] AS join_fn
                    FROM (SELECT ARRAY(SELECT regexp_replace(u.p::regprocedure::text, '^((?:[^"(]|"(?:[^"]|"")*")*)\(.*$', '\1')
                                       FROM unnest(ARRAY[o.oprcode, o.oprrest, o.oprjoin]::oid[]) WITH ORDINALITY u(p, i)
                                       ORDER BY u.i) AS n) r) f
WHERE o.oprcode <> 0 AND pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_operator') m WHERE m.objid = o.oid);
