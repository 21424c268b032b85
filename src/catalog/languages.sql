-- Procedural languages the user created.  As dumpProcLang: with HANDLER/INLINE/
-- VALIDATOR only when pg_dump dumps those functions too (in a dumped user schema,
-- or with changed privileges), else CREATE OR REPLACE PROCEDURAL LANGUAGE name.
-- Returns: an object row (README.md)
SELECT 'pg_language'::regclass::oid AS classid, l.oid AS objid, 'PROCEDURAL LANGUAGE' AS kind, l.lanname AS tag,
    NULL AS schema, pg_get_userbyid(l.lanowner) AS owner,
    CASE WHEN (SELECT bool_and(f.fn = 0 OR EXISTS (
                   SELECT FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE p.oid = f.fn
                   AND ((pd_user_schema(pn.nspname) AND pd_selected_schema(p.pronamespace, $1))
                        OR p.proacl IS DISTINCT FROM (SELECT ip.initprivs FROM pg_init_privs ip
                                                      WHERE ip.classoid = 'pg_proc'::regclass AND ip.objoid = p.oid
                                                        AND ip.objsubid = 0))))
               FROM unnest(ARRAY[l.lanplcallfoid, l.laninline, l.lanvalidator]) f(fn)) AND l.lanplcallfoid <> 0
         THEN format(E'CREATE %sPROCEDURAL LANGUAGE %I HANDLER %s%s%s;\n',
                     CASE WHEN l.lanpltrusted THEN 'TRUSTED ' ELSE '' END, l.lanname, l.lanplcallfoid::regproc,
                     CASE WHEN l.laninline <> 0 THEN ' INLINE ' || l.laninline::regproc::text END,
                     CASE WHEN l.lanvalidator <> 0 THEN ' VALIDATOR ' || l.lanvalidator::regproc::text END)
         ELSE format(E'CREATE OR REPLACE PROCEDURAL LANGUAGE %I;\n', l.lanname) END AS defn,
    format(E'DROP PROCEDURAL LANGUAGE %I;\n', l.lanname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('LANGUAGE %I', l.lanname) AS comment_target, format('LANGUAGE %I', l.lanname) AS comment_tag,
    obj_description(l.oid, 'pg_language') AS comment,
    'LANGUAGE' AS acl_kind, quote_ident(l.lanname) AS acl_name, format('LANGUAGE %I', l.lanname) AS acl_tag,
    l.lanacl::text AS acl
FROM pg_language l
WHERE $3 AND l.oid >= 16384 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_language') m WHERE m.objid = l.oid);
