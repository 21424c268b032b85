-- Each support function of a user-defined base type (one row each), with the type's schema: the
-- functions are created against the shell type, the type after them (as pg_dump does).
-- Returns: type_oid oid, schema_oid oid, function_oid oid
SELECT t.oid AS type_oid, t.typnamespace AS schema_oid, f.fn AS function_oid
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
CROSS JOIN LATERAL unnest(ARRAY[t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin,
                                t.typmodout, t.typanalyze, t.typsubscript]::oid[]) f(fn)
WHERE f.fn <> 0 AND t.typtype = 'b' AND pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid);
