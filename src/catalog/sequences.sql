-- Sequences as pg_dump's dumpSequence writes them; one owned by a dumped table is dumped with it.
-- An identity sequence is a SEQUENCE entry of its own too, whose text is the ALTER TABLE ... ADD
-- GENERATED ... AS IDENTITY of its column (no DROP: the table's takes it away); it goes with its
-- table (identity_sequences.sql orders it after the table).  AS is written for a type other than
-- bigint, MINVALUE/MAXVALUE only where they are not the type's defaults for the direction.
-- Returns: an object row (README.md)
SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid, 'SEQUENCE' AS kind, c.relname AS tag,
    n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner,
    CASE WHEN id.attname IS NULL THEN
        format(E'CREATE %sSEQUENCE %I.%I\n', CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END,
               n.nspname, c.relname)
        || CASE WHEN s.seqtypid <> 'bigint'::regtype THEN format(E'    AS %s\n', format_type(s.seqtypid, NULL)) ELSE '' END
    ELSE
        format(E'ALTER TABLE %I.%I ALTER COLUMN %I ADD GENERATED %s AS IDENTITY (\n    SEQUENCE NAME %I.%I\n',
               id.nspname, id.relname, id.attname, CASE id.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END,
               n.nspname, c.relname)
        -- the sequence's persistence when it differs from its table's (pg_dump 15 loses it)
        || CASE WHEN c.relpersistence <> id.relpersistence
                THEN CASE c.relpersistence WHEN 'u' THEN E'    UNLOGGED\n' ELSE E'    LOGGED\n' END ELSE '' END
    END
    || format(E'    START WITH %s\n    INCREMENT BY %s\n', s.seqstart, s.seqincrement)
    || CASE WHEN s.seqmin = CASE WHEN s.seqincrement > 0 THEN 1 ELSE lim.lo END THEN E'    NO MINVALUE\n'
            ELSE format(E'    MINVALUE %s\n', s.seqmin) END
    || CASE WHEN s.seqmax = CASE WHEN s.seqincrement > 0 THEN lim.hi ELSE -1 END THEN E'    NO MAXVALUE\n'
            ELSE format(E'    MAXVALUE %s\n', s.seqmax) END
    || format('    CACHE %s', s.seqcache) || CASE WHEN s.seqcycle THEN E'\n    CYCLE' ELSE '' END
    || CASE WHEN id.attname IS NULL THEN E';\n' ELSE E'\n);\n' END AS defn,
    CASE WHEN id.attname IS NULL THEN format(E'DROP SEQUENCE %I.%I;\n', n.nspname, c.relname) ELSE '' END AS drop_stmt,
    NULL AS tablespace, NULL AS tableam,
    format('SEQUENCE %I.%I', n.nspname, c.relname) AS comment_target,
    format('SEQUENCE %I', c.relname) AS comment_tag, obj_description(c.oid, 'pg_class') AS comment,
    'SEQUENCE' AS acl_kind, format('%I.%I', n.nspname, c.relname) AS acl_name,
    format('SEQUENCE %I', c.relname) AS acl_tag, c.relacl::text AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
CROSS JOIN LATERAL (SELECT CASE s.seqtypid WHEN 'smallint'::regtype THEN -32768
                                           WHEN 'integer'::regtype THEN -2147483648
                                           ELSE -9223372036854775808 END::bigint AS lo,
                           CASE s.seqtypid WHEN 'smallint'::regtype THEN 32767
                                           WHEN 'integer'::regtype THEN 2147483647
                                           ELSE 9223372036854775807 END::bigint AS hi) lim
-- the identity column an identity sequence belongs to, with its table
LEFT JOIN LATERAL (SELECT t.oid, tn.nspname, t.relname, t.relkind, t.relnamespace, t.relpersistence,
                          a.attname, a.attidentity
                   FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                   JOIN pg_namespace tn ON tn.oid = t.relnamespace
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i' AND a.attidentity <> ''
                   LIMIT 1) id ON true
WHERE c.relkind = 'S' AND pd_user_schema(n.nspname)
  AND CASE WHEN id.attname IS NOT NULL
           THEN pd_dumped_relation(id.oid, id.relkind, id.relnamespace, id.nspname, $1, $2, $4)
                AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = id.oid)
      ELSE NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
           AND (pd_selected_relation(c.oid, c.relnamespace, $1, $2, $4)
            OR EXISTS (SELECT FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                         AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
                         AND pd_selected_relation(t.oid, t.relnamespace, $1, $2, $4)))
      END;
