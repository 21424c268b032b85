-- Security labels of the database's objects, one entry per labelled object as pg_dump's
-- dumpSecLabel and dumpTableSecLabel write them: every label of the object in one statement
-- list (a relation's own label first, then its columns', by column number), the tag the kind
-- and the object's name without its schema (a relation's for its columns' labels), the
-- object's schema and owner.  Not large objects' (large_objects.sql reads them with their
-- large objects).
-- Returns: classid oid, objid oid, statement text, tag text, schema text, owner text
WITH labels AS (
    SELECT l.classoid, l.objoid, l.objsubid, l.provider, l.label, l.ctid,
        o.identity, t.kind, t.owner, t.schema, t.tag_name
    FROM pg_seclabel l
    CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) o
    CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, 0) r
    CROSS JOIN LATERAL (SELECT
        CASE l.classoid
            WHEN 'pg_class'::regclass THEN (SELECT CASE c.relkind WHEN 'v' THEN 'VIEW'
                    WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                    WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END FROM pg_class c WHERE c.oid = l.objoid)
            WHEN 'pg_type'::regclass THEN (SELECT CASE y.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END
                    FROM pg_type y WHERE y.oid = l.objoid)
            WHEN 'pg_proc'::regclass THEN (SELECT CASE p.prokind WHEN 'a' THEN 'AGGREGATE'
                    WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END FROM pg_proc p WHERE p.oid = l.objoid)
            ELSE upper(o.type) END AS kind,
        pg_get_userbyid(CASE l.classoid
            WHEN 'pg_class'::regclass THEN (SELECT relowner FROM pg_class WHERE oid = l.objoid)
            WHEN 'pg_proc'::regclass THEN (SELECT proowner FROM pg_proc WHERE oid = l.objoid)
            WHEN 'pg_type'::regclass THEN (SELECT typowner FROM pg_type WHERE oid = l.objoid)
            WHEN 'pg_namespace'::regclass THEN (SELECT nspowner FROM pg_namespace WHERE oid = l.objoid)
            WHEN 'pg_language'::regclass THEN (SELECT lanowner FROM pg_language WHERE oid = l.objoid)
            WHEN 'pg_event_trigger'::regclass THEN (SELECT evtowner FROM pg_event_trigger WHERE oid = l.objoid)
            WHEN 'pg_publication'::regclass THEN (SELECT pubowner FROM pg_publication WHERE oid = l.objoid)
            WHEN 'pg_subscription'::regclass THEN (SELECT subowner FROM pg_subscription WHERE oid = l.objoid)
            END) AS owner,
        (SELECT nspname FROM pg_namespace WHERE oid = CASE l.classoid
            WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = l.objoid)
            WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = l.objoid)
            WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = l.objoid)
            END) AS schema,
        -- the object's name in the tag: a function's with its identity arguments (as pg_dump's
        -- funcsig, modes included), anything else's as pg_identify_object has it, without schema
        CASE WHEN l.classoid = 'pg_proc'::regclass
            THEN (SELECT format('%I(%s)', proname, pg_get_function_identity_arguments(oid))
                  FROM pg_proc WHERE oid = l.objoid)
            ELSE substr(r.identity, CASE WHEN r.schema IS NULL THEN 1 ELSE length(r.schema) + 2 END)
            END AS tag_name) t
    WHERE l.classoid <> 'pg_largeobject'::regclass
)
SELECT classoid AS classid, objoid AS objid,
    -- a function's as pg_dump names it, with its argument modes; anything else's identity
    string_agg(format(E'SECURITY LABEL FOR %I ON %s %s IS %L;\n', provider,
                      CASE WHEN objsubid = 0 THEN kind ELSE 'COLUMN' END,
                      CASE WHEN classoid = 'pg_proc'::regclass THEN quote_ident(schema) || '.' || tag_name
                           ELSE identity END, label),
               -- each object's labels in pg_seclabel's physical order, as pg_dump reads them
               '' ORDER BY objsubid, ctid) AS statement,
    min(kind) || ' ' || min(tag_name) AS tag, min(schema) AS schema, min(owner) AS owner
FROM labels
GROUP BY classoid, objoid;
