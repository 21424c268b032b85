-- Security labels of the database's objects, one entry per labelled object as pg_dump's
-- dumpSecLabel and dumpTableSecLabel write them: every label of the object in one statement
-- list (a relation's own label first, then its columns', by column number), the tag the kind
-- and the object's name without its schema (a relation's for its columns' labels), the
-- object's schema and owner.  Not large objects' (large_objects.sql reads them with their
-- large objects).
-- Returns: classid oid, objid oid, statement text, tag text, schema text, owner text
WITH labels AS (
    SELECT l.classoid, l.objoid, l.objsubid, l.provider, l.label, l.ctid, o.identity,
        coalesce(k.kind, upper(o.type)) AS kind, pg_get_userbyid(k.owner) AS owner, n.nspname AS schema,
        -- the object's name in the tag: a function's with its identity arguments (as pg_dump's
        -- funcsig, modes included), anything else's as pg_identify_object has it, without schema
        coalesce(k.signature,
                 substr(r.identity, CASE WHEN r.schema IS NULL THEN 1 ELSE length(r.schema) + 2 END)) AS tag_name
    FROM pg_seclabel l
    CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) o
    CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, 0) r
    -- the labelled object's kind as pg_dump names it, owner, schema (and a function's signature)
    LEFT JOIN LATERAL (
        SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                   WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.relowner, c.relnamespace, NULL
        FROM pg_class c WHERE l.classoid = 'pg_class'::regclass AND c.oid = l.objoid
        UNION ALL
        SELECT CASE y.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, y.typowner, y.typnamespace, NULL
        FROM pg_type y WHERE l.classoid = 'pg_type'::regclass AND y.oid = l.objoid
        UNION ALL
        SELECT CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
            p.proowner, p.pronamespace, format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
        FROM pg_proc p WHERE l.classoid = 'pg_proc'::regclass AND p.oid = l.objoid
        UNION ALL
        SELECT NULL, s.nspowner, NULL, NULL FROM pg_namespace s WHERE l.classoid = 'pg_namespace'::regclass AND s.oid = l.objoid
        UNION ALL
        SELECT NULL, g.lanowner, NULL, NULL FROM pg_language g WHERE l.classoid = 'pg_language'::regclass AND g.oid = l.objoid
        UNION ALL
        SELECT NULL, e.evtowner, NULL, NULL FROM pg_event_trigger e WHERE l.classoid = 'pg_event_trigger'::regclass AND e.oid = l.objoid
        UNION ALL
        SELECT NULL, b.pubowner, NULL, NULL FROM pg_publication b WHERE l.classoid = 'pg_publication'::regclass AND b.oid = l.objoid
        UNION ALL
        SELECT NULL, u.subowner, NULL, NULL FROM pg_subscription u WHERE l.classoid = 'pg_subscription'::regclass AND u.oid = l.objoid
    ) k(kind, owner, namespace, signature) ON true
    LEFT JOIN pg_namespace n ON n.oid = k.namespace
    WHERE l.classoid <> 'pg_largeobject'::regclass
)
SELECT classoid AS classid, objoid AS objid,
    -- a function's as pg_dump names it, with its argument modes; anything else's identity
    string_agg(format(E'SECURITY LABEL FOR %I ON %s %s IS %s;\n', provider,
                      CASE WHEN objsubid = 0 THEN kind ELSE 'COLUMN' END,
                      CASE WHEN classoid = 'pg_proc'::regclass THEN quote_ident(schema) || '.' || tag_name
                           ELSE identity END, '''' || replace(label, '''', '''''') || ''''),
               -- one object's labels from several providers in pg_seclabel's physical order
               -- (pg_dump's is its catalog query's sort, not a defined one)
               '' ORDER BY objsubid, ctid) AS statement,
    min(kind) || ' ' || min(tag_name) AS tag, min(schema) AS schema, min(owner) AS owner
FROM labels
GROUP BY classoid, objoid;
