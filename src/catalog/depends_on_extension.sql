-- ALTER ... DEPENDS ON EXTENSION of functions, procedures, indexes, materialized
-- views and triggers (pg_depend deptype 'x'), as pg_dump's
-- append_depends_on_extension writes them; the reader appends each statement to
-- its object's own definition.  Ordered by object, then extension.
-- Returns: classid oid, objid oid, stmt text
SELECT d.classid, d.objid,
    string_agg(format(E'ALTER %s %s DEPENDS ON EXTENSION %I;\n', o.keyword, o.name, e.extname), ''
               ORDER BY e.extname) AS stmt
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
CROSS JOIN LATERAL (
    SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS keyword,
           format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE d.classid = 'pg_proc'::regclass AND p.oid = d.objid
    UNION ALL
    SELECT CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'INDEX' END, format('%I.%I', n.nspname, c.relname)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE d.classid = 'pg_class'::regclass AND c.oid = d.objid AND c.relkind IN ('m', 'i', 'I')
    UNION ALL
    SELECT 'TRIGGER', format('%I ON %I.%I', t.tgname, n.nspname, c.relname)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE d.classid = 'pg_trigger'::regclass AND t.oid = d.objid) o
WHERE d.deptype = 'x' AND d.refclassid = 'pg_extension'::regclass
GROUP BY d.classid, d.objid
ORDER BY d.classid, d.objid;
