-- Rules (not a view's _RETURN rule, which is its query).
-- Returns: an object row (README.md), plus sort_name, sort_ties (what pg_dump sorts it by)
SELECT 'pg_rewrite'::regclass::oid AS classid, r.oid AS objid, 'RULE' AS kind, c.relname || ' ' || r.rulename AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    pg_get_ruledef(r.oid) || E'\n' || CASE r.ev_enabled
        WHEN 'D' THEN format(E'ALTER TABLE %I.%I DISABLE RULE %I;\n', n.nspname, c.relname, r.rulename)
        WHEN 'R' THEN format(E'ALTER TABLE %I.%I ENABLE REPLICA RULE %I;\n', n.nspname, c.relname, r.rulename)
        WHEN 'A' THEN format(E'ALTER TABLE %I.%I ENABLE ALWAYS RULE %I;\n', n.nspname, c.relname, r.rulename)
        ELSE '' END AS defn,
    format(E'DROP RULE %I ON %I.%I;\n', r.rulename, n.nspname, c.relname) AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('RULE %I ON %I.%I', r.rulename, n.nspname, c.relname) AS comment_target,
    format('RULE %I ON %I', r.rulename, c.relname) AS comment_tag, obj_description(r.oid, 'pg_rewrite') AS comment,
    NULL AS acl_kind, NULL AS acl_name, NULL AS acl_tag, NULL AS acl,
    r.rulename AS sort_name, ARRAY[c.relname::text] AS sort_ties
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
  AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid);
