-- Objects pg_dump collects and sorts but does not dump under this selection, where they can move
-- objects it dumps: with -n or -t ($3 false), the languages, casts and transforms the user created.
-- Each sorts before the functions and types it depends on (PRIO_PROCLANG, PRIO_CAST, PRIO_TRANSFORM),
-- so in pg_dump's TopoSort it pulls them forward, dumped or not (every DumpableObject is sorted).
-- pd_dump sorts them too and writes no entry for them.  kind: the TOC desc they would have.
-- Returns: classid oid, objid oid, kind text, sort_name text
SELECT 'pg_language'::regclass::oid AS classid, l.oid AS objid, 'PROCEDURAL LANGUAGE' AS kind,
    l.lanname::text AS sort_name
FROM pg_language l
WHERE NOT $3 AND l.oid >= 16384 AND l.oid NOT IN (SELECT objid FROM pd_member_objects('pg_language'))
UNION ALL
-- getCasts' name: the two type names (as casts.sql)
SELECT 'pg_cast'::regclass::oid, c.oid, 'CAST',
    (SELECT s.typname || ' ' || t.typname FROM pg_type s, pg_type t WHERE s.oid = c.castsource AND t.oid = c.casttarget)
FROM pg_cast c
WHERE NOT $3 AND c.oid >= 16384 AND c.oid NOT IN (SELECT objid FROM pd_member_objects('pg_cast'))
UNION ALL
-- getTransforms' name: type and language names (as transforms.sql)
SELECT 'pg_transform'::regclass::oid, t.oid, 'TRANSFORM',
    (SELECT typname FROM pg_type WHERE oid = t.trftype) || ' ' || l.lanname
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
WHERE NOT $3 AND t.oid >= 16384 AND t.oid NOT IN (SELECT objid FROM pd_member_objects('pg_transform'));
