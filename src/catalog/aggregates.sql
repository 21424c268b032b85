-- Aggregates, incl. ordered-set, hypothetical and moving-aggregate ones.  As
-- dumpAgg: the entry tagged with the argument types (format_aggregate_signature),
-- the comment with the identity arguments, the ACL as a function's (types only).
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_proc'::regclass::oid AS classid, p.oid AS objid, 'AGGREGATE' AS kind,
    format('%s(%s)', p.proname, CASE WHEN p.pronargs = 0 THEN '*' ELSE sig.types END) AS tag, n.nspname AS schema,
    pg_get_userbyid(p.proowner) AS owner,
    -- the options in dumpAgg's order, FINALFUNC_MODIFY only when not the kind's default
    format(E'CREATE AGGREGATE %I.%I(%s) (\n    SFUNC = %s,\n    STYPE = %s%s%s%s%s%s%s%s%s%s%s%s%s\n);\n',
        n.nspname, p.proname, CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END,
        a.aggtransfn::regproc, format_type(a.aggtranstype, NULL),
        CASE WHEN a.aggtransspace <> 0 THEN E',\n    SSPACE = ' || a.aggtransspace END,
        CASE WHEN a.agginitval IS NOT NULL THEN E',\n    INITCOND = ' || '''' || replace(a.agginitval, '''', '''''') || '''' END,
        fin.final,
        pd_support_function('COMBINEFUNC', a.aggcombinefn),
        pd_support_function('SERIALFUNC', a.aggserialfn),
        pd_support_function('DESERIALFUNC', a.aggdeserialfn),
        CASE WHEN a.aggmtransfn <> 0 THEN pd_support_function('MSFUNC', a.aggmtransfn)
             || pd_support_function('MINVFUNC', a.aggminvtransfn)
             || E',\n    MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
        CASE WHEN a.aggmtransspace <> 0 THEN E',\n    MSSPACE = ' || a.aggmtransspace END,
        CASE WHEN a.aggminitval IS NOT NULL THEN E',\n    MINITCOND = ' || '''' || replace(a.aggminitval, '''', '''''') || '''' END,
        fin.mfinal,
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
    format('FUNCTION %I(%s)', p.proname, sig.types) AS acl_tag, p.proacl::text AS acl,
    p.proname AS sort_name, ARRAY[lpad(p.pronargs::text, 3, '0')] || ARRAY(
        SELECT v.name FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i)
        JOIN pg_type st ON st.oid = a.t JOIN pg_namespace sn ON sn.oid = st.typnamespace
        CROSS JOIN LATERAL unnest(ARRAY[sn.nspname::text, st.typname::text]) WITH ORDINALITY v(name, j)
        ORDER BY a.i, v.j) AS sort_ties
FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid JOIN pg_namespace n ON n.oid = p.pronamespace
-- FINALFUNC and MFINALFUNC with their EXTRA and MODIFY (only when not the aggregate kind's default)
CROSS JOIN LATERAL (
    SELECT max(o.opts) FILTER (WHERE v.prefix = '') AS final, max(o.opts) FILTER (WHERE v.prefix = 'M') AS mfinal
    FROM (VALUES ('', a.aggfinalfn, a.aggfinalextra, a.aggfinalmodify),
                 ('M', a.aggmfinalfn, a.aggmfinalextra, a.aggmfinalmodify)) v(prefix, fn, extra, modify)
    CROSS JOIN LATERAL (SELECT CASE WHEN v.fn <> 0 THEN pd_support_function(v.prefix || 'FINALFUNC', v.fn)
        || CASE WHEN v.extra THEN E',\n    ' || v.prefix || 'FINALFUNC_EXTRA' ELSE '' END
        || CASE WHEN v.modify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END
                THEN E',\n    ' || v.prefix || 'FINALFUNC_MODIFY = '
                     || CASE v.modify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END
                ELSE '' END END AS opts) o) fin
CROSS JOIN LATERAL (SELECT coalesce(string_agg(format_type(t.t, NULL), ', ' ORDER BY t.i), '') AS types
                    FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY t(t, i)) sig
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_proc') m WHERE m.objid = p.oid);
