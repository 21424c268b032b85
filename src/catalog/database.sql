-- The database itself, as pg_dump's dumpDatabase writes it: CREATE DATABASE with what cannot be
-- changed later (encoding, locale, tablespace) from template0, its comment and its privileges
-- (against acldefault: databases have no pg_init_privs).  In every dump, whatever the selection, as
-- pg_dump 15 writes it (data_only drops the comment and ACL: see dump_options.cpp).
-- String literals as the archive writes them (standard_conforming_strings on: quotes doubled).
-- Returns: an object row (README.md), plus acl_base text
SELECT 'pg_database'::regclass::oid AS classid, d.oid AS objid, 'DATABASE' AS kind, d.datname AS tag,
    NULL AS schema, pg_get_userbyid(d.datdba) AS owner,
    format(E'CREATE DATABASE %I WITH TEMPLATE = template0 ENCODING = %s LOCALE_PROVIDER = %s%s%s%s;\n',
        d.datname, lit.encoding, CASE d.datlocprovider WHEN 'i' THEN 'icu' ELSE 'libc' END,
        CASE WHEN d.datcollate = d.datctype THEN ' LOCALE = ' || lit.collate
             ELSE ' LC_COLLATE = ' || lit.collate || ' LC_CTYPE = ' || lit.ctype END,
        ' ICU_LOCALE = ' || lit.iculocale,
        (SELECT ' TABLESPACE = ' || quote_ident(t.spcname) FROM pg_tablespace t
         WHERE t.oid = d.dattablespace AND t.spcname <> 'pg_default')) AS defn,
    format(E'DROP DATABASE %I;\n', d.datname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('DATABASE %I', d.datname) AS comment_target, format('DATABASE %I', d.datname) AS comment_tag,
    NULLIF(shobj_description(d.oid, 'pg_database'), '') AS comment,
    'DATABASE' AS acl_kind, format('%I', d.datname) AS acl_name, format('DATABASE %I', d.datname) AS acl_tag,
    d.datacl::text AS acl, acldefault('d', d.datdba)::text AS acl_base
FROM pg_database d
CROSS JOIN LATERAL (
    SELECT '''' || replace(pg_encoding_to_char(d.encoding), '''', '''''') || '''' AS encoding,
           '''' || replace(d.datcollate, '''', '''''') || '''' AS collate,
           '''' || replace(d.datctype, '''', '''''') || '''' AS ctype,
           '''' || replace(d.daticulocale, '''', '''''') || '''' AS iculocale) lit
WHERE d.datname = current_database();
