-- Comments on the constraints that are part of their table or domain (valid checks; a NOT VALID one is an
-- entry of its own that carries its comment), and on the
-- index behind a primary key, unique or exclusion constraint, to follow their parent.
-- Returns: classid oid, objid oid, target text, tag text, schema name, owner name, comment text
SELECT CASE WHEN co.conrelid <> 0 THEN 'pg_class'::regclass::oid ELSE 'pg_type'::regclass::oid END AS classid,
    CASE WHEN co.conrelid <> 0 THEN co.conrelid ELSE co.contypid END AS objid,
    CASE WHEN co.conrelid <> 0 THEN format('CONSTRAINT %I ON %I.%I', co.conname, n.nspname, c.relname)
         ELSE format('CONSTRAINT %I ON DOMAIN %I.%I', co.conname, tn.nspname, t.typname) END AS target,
    CASE WHEN co.conrelid <> 0 THEN format('CONSTRAINT %I ON %I', co.conname, c.relname)
         ELSE format('CONSTRAINT %I ON DOMAIN %I', co.conname, t.typname) END AS tag, coalesce(n.nspname, tn.nspname) AS schema,
    pg_get_userbyid(coalesce(c.relowner, t.typowner)) AS owner, obj_description(co.oid, 'pg_constraint') AS comment
FROM pg_constraint co LEFT JOIN pg_class c ON c.oid = co.conrelid
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_type t ON t.oid = co.contypid LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace
WHERE co.contype = 'c' AND co.convalidated
  AND obj_description(co.oid, 'pg_constraint') IS NOT NULL
UNION ALL
SELECT 'pg_constraint'::regclass::oid, co.oid, format('INDEX %I.%I', n.nspname, ic.relname), 'INDEX ' || quote_ident(ic.relname),
    n.nspname, pg_get_userbyid(c.relowner), obj_description(ic.oid, 'pg_class')
FROM pg_constraint co JOIN pg_class ic ON ic.oid = co.conindid JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE co.contype IN ('p', 'u', 'x') AND obj_description(ic.oid, 'pg_class') IS NOT NULL;
