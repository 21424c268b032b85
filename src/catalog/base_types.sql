-- User-defined base types (C I/O functions outside an extension), and each one's shell, so that
-- the I/O functions can be created before the type (base_type_functions.sql orders them).
-- Returns: an object row (README.md)
SELECT 'pg_type'::regclass::oid AS classid, t.oid AS objid, 'TYPE' AS kind, t.typname AS tag, n.nspname AS schema,
    pg_get_userbyid(t.typowner) AS owner,
    -- the options in dumpBaseType's order
    format(E'CREATE TYPE %I.%I (\n    INTERNALLENGTH = %s,\n    INPUT = %s,\n    OUTPUT = %s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s\n);\n',
        n.nspname, t.typname, CASE WHEN t.typlen = -1 THEN 'variable' ELSE t.typlen::text END,
        t.typinput::regproc, t.typoutput::regproc,
        pd_support_function('RECEIVE', t.typreceive), pd_support_function('SEND', t.typsend),
        pd_support_function('TYPMOD_IN', t.typmodin), pd_support_function('TYPMOD_OUT', t.typmodout),
        pd_support_function('ANALYZE', t.typanalyze),
        CASE WHEN t.typcollation <> 0 THEN E',\n    COLLATABLE = true' END,
        CASE WHEN t.typdefaultbin IS NOT NULL THEN E',\n    DEFAULT = ' || pg_get_expr(t.typdefaultbin, 0)
             WHEN t.typdefault IS NOT NULL THEN E',\n    DEFAULT = ''' || replace(t.typdefault, '''', '''''') || '''' END,
        pd_support_function('SUBSCRIPT', t.typsubscript),
        CASE WHEN t.typelem <> 0 THEN E',\n    ELEMENT = ' || format_type(t.typelem, NULL) END,
        CASE WHEN t.typcategory <> 'U' THEN E',\n    CATEGORY = ''' || replace(t.typcategory::text, '''', '''''') || '''' END,
        CASE WHEN t.typispreferred THEN E',\n    PREFERRED = true' END,
        CASE WHEN t.typdelim <> ',' THEN E',\n    DELIMITER = ''' || replace(t.typdelim::text, '''', '''''') || '''' END,
        E',\n    ALIGNMENT = ' || CASE t.typalign WHEN 'c' THEN 'char' WHEN 's' THEN 'int2' WHEN 'i' THEN 'int4'
                                 ELSE 'double' END,
        E',\n    STORAGE = ' || CASE t.typstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external'
                               WHEN 'm' THEN 'main' ELSE 'extended' END,
        CASE WHEN t.typbyval THEN E',\n    PASSEDBYVALUE' END) AS defn,
    format(E'DROP TYPE %I.%I CASCADE;\n', n.nspname, t.typname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('TYPE %I.%I', n.nspname, t.typname) AS comment_target, format('TYPE %I', t.typname) AS comment_tag,
    obj_description(t.oid, 'pg_type') AS comment,
    'TYPE' AS acl_kind, format('%I.%I', n.nspname, t.typname) AS acl_name, format('TYPE %I', t.typname) AS acl_tag,
    t.typacl::text AS acl
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'b' AND pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid)
UNION ALL
SELECT 10::oid, t.oid, 'SHELL TYPE', t.typname, n.nspname, pg_get_userbyid(t.typowner),
    format(E'CREATE TYPE %I.%I;\n', n.nspname, t.typname), NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'b' AND pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid);
