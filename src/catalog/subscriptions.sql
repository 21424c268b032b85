-- Subscriptions of this database.  Reading subconninfo takes a superuser: for anyone else pd_dump
-- runs subscription_count.sql instead and warns, as pg_dump does.
-- Returns: an object row (README.md)
SELECT 'pg_subscription'::regclass::oid AS classid, s.oid AS objid, 'SUBSCRIPTION' AS kind, s.subname AS tag,
    NULL AS schema, pg_get_userbyid(s.subowner) AS owner,
    format(E'CREATE SUBSCRIPTION %I CONNECTION %s PUBLICATION %s WITH (connect = false, slot_name = %s%s%s%s%s%s);\n',
        s.subname, '''' || replace(s.subconninfo, '''', '''''') || '''', (SELECT string_agg(quote_ident(p), ', ') FROM unnest(s.subpublications) p),
        CASE WHEN s.subslotname IS NULL THEN 'NONE' ELSE ('''' || replace(s.subslotname, '''', '''''') || '''') END,
        CASE WHEN s.subbinary THEN ', binary = true' ELSE '' END,
        CASE WHEN s.substream THEN ', streaming = on' ELSE '' END,
        CASE WHEN s.subtwophasestate <> 'd' THEN ', two_phase = on' ELSE '' END,
        CASE WHEN s.subdisableonerr THEN ', disable_on_error = true' ELSE '' END,
        CASE WHEN s.subsynccommit <> 'off' THEN ', synchronous_commit = ' || ('''' || replace(s.subsynccommit, '''', '''''') || '''')
             ELSE '' END) AS defn,
    format(E'DROP SUBSCRIPTION %I;\n', s.subname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('SUBSCRIPTION %I', s.subname) AS comment_target, format('SUBSCRIPTION %I', s.subname) AS comment_tag,
    obj_description(s.oid, 'pg_subscription') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_subscription s
WHERE $3 AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database());
