-- Aggregates, incl. ordered-set, hypothetical and moving-aggregate ones.  As
-- dumpAgg: the entry tagged with the argument types (format_aggregate_signature),
-- the comment with the identity arguments, the ACL as a function's (types only).
-- Returns: an object row (README.md)
SELECT 'pg_proc'::regclass::oid AS classid, p.oid AS objid, 'AGGREGATE' AS kind,
    format('%s(%s)', p.proname, CASE WHEN p.pronargs = 0 THEN '*' ELSE sig.types END) AS tag, n.nspname AS schema,
    pg_get_userbyid(p.proowner) AS owner,
    -- the options in dumpAgg's order, FINALFUNC_MODIFY only when not the kind's default
    format(E'CREATE AGGREGATE %I.%I(%s) (\n    SFUNC = %s,\n    STYPE = %s%s%s%s%s%s%s%s%s%s%s%s%s\n);\n',
        n.nspname, p.proname, CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END,
        a.aggtransfn::regproc, format_type(a.aggtranstype, NULL),
        CASE WHEN a.aggtransspace <> 0 THEN E',\n    SSPACE = ' || a.aggtransspace END,
        CASE WHEN a.agginitval IS NOT NULL THEN E',\n    INITCOND = ' || '''' || replace(a.agginitval, '''', '''''') || '''' END,
        CASE WHEN a.aggfinalfn <> 0 THEN pd_support_function('FINALFUNC', a.aggfinalfn)
             || CASE WHEN a.aggfinalextra THEN E',\n    FINALFUNC_EXTRA' ELSE '' END
             || CASE WHEN a.aggfinalmodify <> m.default_modify THEN E',\n    FINALFUNC_MODIFY = '
                     || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END
                ELSE '' END END,
        pd_support_function('COMBINEFUNC', a.aggcombinefn),
        pd_support_function('SERIALFUNC', a.aggserialfn),
        pd_support_function('DESERIALFUNC', a.aggdeserialfn),
        CASE WHEN a.aggmtransfn <> 0 THEN pd_support_function('MSFUNC', a.aggmtransfn)
             || pd_support_function('MINVFUNC', a.aggminvtransfn)
             || E',\n    MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
        CASE WHEN a.aggmtransspace <> 0 THEN E',\n    MSSPACE = ' || a.aggmtransspace END,
        CASE WHEN a.aggminitval IS NOT NULL THEN E',\n    MINITCOND = ' || '''' || replace(a.aggminitval, '''', '''''') || '''' END,
        CASE WHEN a.aggmfinalfn <> 0 THEN pd_support_function('MFINALFUNC', a.aggmfinalfn)
             || CASE WHEN a.aggmfinalextra THEN E',\n    MFINALFUNC_EXTRA' ELSE '' END
             || CASE WHEN a.aggmfinalmodify <> m.default_modify THEN E',\n    MFINALFUNC_MODIFY = '
                     || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END
                ELSE '' END END,
        CASE WHEN a.aggsortop <> 0 THEN (SELECT format(E',\n    SORTOP = OPERATOR(%I.%s)', son.nspname, so.oprname)
             FROM pg_operator so JOIN pg_namespace son ON son.oid = so.oprnamespace WHERE so.oid = a.aggsortop) END,
        CASE WHEN a.aggkind = 'h' THEN E',\n    HYPOTHETICAL' ELSE '' END
        || CASE p.proparallel WHEN 's' THEN E',\n    PARALLEL = safe' WHEN 'r' THEN E',\n    PARALLEL = restricted' ELSE '' END
        ) AS defn,
    format(E'DROP AGGREGATE %I.%I(%s);\n', n.nspname, p.proname,
           CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(p.oid) END) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('AGGREGATE %I.%I(%s)', n.nspname, p.proname,
           CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(p.oid) END) AS comment_target,
    format('AGGREGATE %I(%s)', p.proname,
           CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(p.oid) END) AS comment_tag,
    obj_description(p.oid, 'pg_proc') AS comment,
    'FUNCTION' AS acl_kind, format('%I.%I(%s)', n.nspname, p.proname, sig.types) AS acl_name,
    format('FUNCTION %I(%s)', p.proname, sig.types) AS acl_tag, p.proacl::text AS acl
FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid JOIN pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL (SELECT CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END::"char" AS default_modify) m
CROSS JOIN LATERAL (SELECT coalesce(string_agg(format_type(t.t, NULL), ', ' ORDER BY t.i), '') AS types
                    FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY t(t, i)) sig
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND p.oid NOT IN (SELECT objid FROM pd_member_objects('pg_proc'));
