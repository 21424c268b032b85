-- Enum, composite, range and domain types (base types: base_types.sql), and
-- each NOT VALID check constraint of a domain as a CHECK CONSTRAINT entry of its
-- own (dumpConstraint: the domain's entry lists only the validated ones).
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_type'::regclass::oid AS classid, t.oid AS objid, k.kind, t.typname AS tag, n.nspname AS schema,
    pg_get_userbyid(t.typowner) AS owner,
    CASE t.typtype
    WHEN 'e' THEN format(E'CREATE TYPE %I.%I AS ENUM (\n%s\n);\n', n.nspname, t.typname,
        (SELECT string_agg('    ' || ('''' || replace(e.enumlabel, '''', '''''') || ''''), E',\n' ORDER BY e.enumsortorder)
         FROM pg_enum e WHERE e.enumtypid = t.oid))
    WHEN 'c' THEN format(E'CREATE TYPE %I.%I AS (%s\n);\n', n.nspname, t.typname,
        (SELECT coalesce(string_agg(format(E'\n\t%I %s%s', a.attname, format_type(a.atttypid, a.atttypmod), cc.clause),
                                    ',' ORDER BY a.attnum), '')
         FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
         CROSS JOIN LATERAL pd_column_collate(a.attcollation, at.typcollation) cc
         WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped))
    WHEN 'r' THEN (SELECT format(E'CREATE TYPE %I.%I AS RANGE (\n    subtype = %s%s%s%s%s%s\n);\n',
            n.nspname, t.typname, format_type(r.rngsubtype, NULL),
            CASE WHEN r.rngmultitypid <> 0
                 THEN format(E',\n    multirange_type_name = %I.%I', mn.nspname, mt.typname) END,
            CASE WHEN NOT opc.opcdefault THEN format(E',\n    subtype_opclass = %I.%I', opcn.nspname, opc.opcname) END,
            CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
                 THEN E',\n    collation = ' || (SELECT name FROM pd_collation_name(r.rngcollation)) END,
            CASE WHEN r.rngcanonical <> 0 THEN E',\n    canonical = ' || r.rngcanonical::regproc::text END,
            CASE WHEN r.rngsubdiff <> 0 THEN E',\n    subtype_diff = ' || r.rngsubdiff::regproc::text END)
        FROM pg_range r JOIN pg_type st ON st.oid = r.rngsubtype
        JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
        LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid LEFT JOIN pg_namespace mn ON mn.oid = mt.typnamespace
        WHERE r.rngtypid = t.oid)
    WHEN 'd' THEN format(E'CREATE DOMAIN %I.%I AS %s%s%s%s%s;\n', n.nspname, t.typname,
        format_type(t.typbasetype, t.typtypmod),
        CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
             THEN ' COLLATE ' || (SELECT name FROM pd_collation_name(t.typcollation)) END,
        CASE WHEN t.typnotnull THEN ' NOT NULL' END,
        CASE WHEN t.typdefaultbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(t.typdefaultbin, 0)
             WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || ('''' || replace(t.typdefault, '''', '''''') || '''') END,
        (SELECT string_agg(format(E'\n\tCONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid)), ''
                           ORDER BY c.conname)
         FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' AND c.convalidated))
    END AS defn,
    format(E'DROP %s %I.%I;\n', k.kind, n.nspname, t.typname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('%s %I.%I', k.kind, n.nspname, t.typname) AS comment_target,
    format('%s %I', k.kind, t.typname) AS comment_tag, obj_description(t.oid, 'pg_type') AS comment,
    'TYPE' AS acl_kind, format('%I.%I', n.nspname, t.typname) AS acl_name,
    format('TYPE %s', quote_ident(t.typname)) AS acl_tag, t.typacl::text AS acl,
    t.typname AS sort_name, NULL::text[] AS sort_ties
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
CROSS JOIN LATERAL (SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind) k
WHERE pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid)
  AND (t.typtype IN ('e', 'r', 'd')
       OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
UNION ALL
SELECT 'pg_constraint'::regclass::oid, c.oid, 'CHECK CONSTRAINT', t.typname || ' ' || c.conname, n.nspname,
    pg_get_userbyid(t.typowner),
    format(E'ALTER DOMAIN %I.%I\n    ADD CONSTRAINT %I %s;\n', n.nspname, t.typname, c.conname,
           pg_get_constraintdef(c.oid)),
    format(E'ALTER DOMAIN %I.%I DROP CONSTRAINT %I;\n', n.nspname, t.typname, c.conname), NULL, NULL,
    -- its comment follows it, as pg_dump's dumpConstraint dumps it
    format('CONSTRAINT %I ON DOMAIN %I.%I', c.conname, n.nspname, t.typname), format('CONSTRAINT %I ON DOMAIN %I', c.conname, t.typname),
    obj_description(c.oid, 'pg_constraint'), NULL, NULL, NULL, NULL,
    c.conname, ARRAY['0', t.typname::text]  -- before a table's (constraints.sql)
FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE c.contype = 'c' AND NOT c.convalidated AND t.typtype = 'd'
  AND pd_user_schema(n.nspname) AND pd_selected_schema(n.oid, $1)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_type') m WHERE m.objid = t.oid);
