-- Event triggers.
-- Returns: an object row (README.md)
SELECT 'pg_event_trigger'::regclass::oid AS classid, e.oid AS objid, 'EVENT TRIGGER' AS kind, e.evtname AS tag,
    NULL AS schema, pg_get_userbyid(e.evtowner) AS owner,
    format(E'CREATE EVENT TRIGGER %I ON %I%s\n   EXECUTE FUNCTION %s();\n%s', e.evtname, e.evtevent,
        CASE WHEN e.evttags IS NOT NULL THEN E'\n         WHEN TAG IN ('
             || (SELECT string_agg(quote_literal(t), ', ') FROM unnest(e.evttags) t) || ')' ELSE '' END,
        e.evtfoid::regproc,
        CASE e.evtenabled WHEN 'D' THEN format(E'\nALTER EVENT TRIGGER %I DISABLE;\n', e.evtname)
             WHEN 'R' THEN format(E'\nALTER EVENT TRIGGER %I ENABLE REPLICA;\n', e.evtname)
             WHEN 'A' THEN format(E'\nALTER EVENT TRIGGER %I ENABLE ALWAYS;\n', e.evtname) ELSE '' END) AS defn,
    format(E'DROP EVENT TRIGGER %I;\n', e.evtname) AS drop_stmt, NULL AS tablespace, NULL AS tableam,
    format('EVENT TRIGGER %I', e.evtname) AS comment_target, format('EVENT TRIGGER %I', e.evtname) AS comment_tag,
    obj_description(e.oid, 'pg_event_trigger') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl
FROM pg_event_trigger e
WHERE $3 AND NOT EXISTS (SELECT FROM pd_member_objects('pg_event_trigger') m WHERE m.objid = e.oid);
