/* parallel_dump--0.2--0.3.sql */
\echo Use "ALTER EXTENSION parallel_dump UPDATE TO '0.3'" to load this file. \quit

-- Version 0.3: catalog fragments whose text changed since 0.2 are replaced
-- here (CREATE OR REPLACE FUNCTION, same signature), and the SQL functions
-- added since 0.2 are created here.  The library needs 0.3.

-- Table text as pg_dump's dumpTableSchema writes it (helper ftab, issue 10):
-- defaults in their column unless pg_dump separates them, NOT NULL not
-- repeated under a parent, reloption values quoted only when they must be,
-- foreign-data OPTIONS one a line, blank lines before CLUSTER ON and REPLICA
-- IDENTITY USING INDEX.

-- Whether a column default is written as an ALTER TABLE ... SET DEFAULT of
-- its own (a DEFAULT entry) rather than in its column, as pg_dump decides:
-- on a view, on a column CREATE does not list (an inheritance child's
-- inherited column), or when what the default uses leads back to its table
-- (a sequence the table owns, a function of its row type): a dependency loop.
CREATE FUNCTION pd_default_separate(_adoid oid, _relid oid, _relkind "char", _attislocal boolean,
                                    _relispartition boolean)
RETURNS TABLE (separate boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH RECURSIVE used(classid, objid) AS (
        SELECT d.refclassid, d.refobjid FROM pg_depend d
        WHERE d.classid = 'pg_attrdef'::regclass AND d.objid = _adoid AND d.deptype = 'n'
        UNION
        SELECT d.refclassid, d.refobjid FROM used u JOIN pg_depend d ON d.classid = u.classid AND d.objid = u.objid
        WHERE d.deptype IN ('n', 'a', 'i') AND d.refobjid >= 16384
          AND NOT (u.classid = 'pg_class'::regclass AND u.objid = _relid))
    SELECT _relkind = 'v' OR NOT (_attislocal OR _relispartition)
           OR EXISTS (SELECT 1 FROM used WHERE classid = 'pg_class'::regclass AND objid = _relid);
END;

-- Whether an ancestor of a table (a parent, a parent's parent, ...) has a
-- default on the column: pg_dump then gives the column, when it has none,
-- DEFAULT NULL (its parents' DEFAULT NULL counts as a default).
CREATE FUNCTION pd_ancestor_default(_relid oid, _attname name) RETURNS TABLE (found boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH RECURSIVE anc(relid) AS (
        SELECT inhparent FROM pg_inherits WHERE inhrelid = _relid
        UNION
        SELECT i.inhparent FROM anc JOIN pg_inherits i ON i.inhrelid = anc.relid)
    SELECT EXISTS (SELECT 1 FROM anc JOIN pg_attribute da ON da.attrelid = anc.relid AND da.attname = _attname
                   WHERE da.atthasdef AND da.attgenerated = '');
END;

-- A listed column's DEFAULT clause: its default unless that is written
-- separately, DEFAULT NULL where a parent has a default and it has none.
CREATE FUNCTION pd_column_default(_relid oid, _relkind "char", _relispartition boolean, _attname name,
                                  _atthasdef boolean, _attgenerated "char", _adoid oid, _adbin pg_node_tree)
RETURNS TABLE (clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN _attgenerated <> '' THEN NULL
                WHEN _atthasdef THEN CASE WHEN NOT (SELECT ds.separate FROM pd_default_separate(_adoid, _relid, _relkind,
                                                                                               true, _relispartition) ds)
                                          THEN ' DEFAULT ' || pg_get_expr(_adbin, _relid) END
                WHEN (SELECT ad.found FROM pd_ancestor_default(_relid, _attname) ad) THEN ' DEFAULT NULL' END;
END;

-- Its result columns change (notnull, default_clause): dropped and created again.
DROP FUNCTION pd_table_columns(oid, boolean);

-- The columns a CREATE TABLE or CREATE FOREIGN TABLE lists, with their
-- clauses: an inheritance child its own, a partition all of them (ATTACH
-- needs them).  notnull: NOT NULL is written (as pg_dump: not for a NOT NULL
-- a parent has too, except on a partition).
CREATE FUNCTION pd_table_columns(_relid oid, _relispartition boolean)
RETURNS TABLE (attnum smallint, attname name, type text, collate_clause text, generated_clause text,
               notnull boolean, attfdwoptions text[], default_clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), cc.clause, cg.clause,
           a.attnotnull AND (_relispartition OR NOT EXISTS (SELECT 1 FROM pg_inherits ni JOIN pg_attribute na
               ON na.attrelid = ni.inhparent AND na.attname = a.attname
               WHERE ni.inhrelid = _relid AND na.attnotnull AND NOT na.attisdropped)),
           a.attfdwoptions, cd.clause
    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid JOIN pg_class r ON r.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    CROSS JOIN LATERAL pd_column_collate(a.attcollation, at.typcollation) cc
    CROSS JOIN LATERAL pd_column_generated(_relid, _relispartition, a.attname, a.attgenerated, d.adbin, d.adrelid) cg
    CROSS JOIN LATERAL pd_column_default(_relid, r.relkind, _relispartition, a.attname, a.atthasdef, a.attgenerated,
                                         d.oid, d.adbin) cd
    WHERE a.attrelid = _relid AND a.attnum > 0 AND NOT a.attisdropped AND (a.attislocal OR _relispartition);
END;

-- Storage parameters as WITH lists them (each name after _prefix), NULL when
-- none; as pg_dump, a value is quoted unless it is an identifier that needs
-- no quotes.
CREATE OR REPLACE FUNCTION pd_options_list(_options text[], _prefix text) RETURNS TABLE (list text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT string_agg(format('%s%I=%s', _prefix, option_name,
                             CASE WHEN quote_ident(option_value) = option_value THEN option_value
                                  ELSE quote_literal(option_value) END), ', ')
    FROM pg_options_to_table(_options);
END;

-- Options of a foreign-data object as an OPTIONS (...) clause, one option a
-- line in name order as pg_dump writes them, NULL when none.
CREATE OR REPLACE FUNCTION pd_fdw_options(_options text[]) RETURNS TABLE (clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT E' OPTIONS (\n    ' || string_agg(format('%I %L', option_name, option_value), E',\n    ' ORDER BY option_name)
           || E'\n)'
    FROM pg_options_to_table(_options);
END;

-- The per-column statements CREATE cannot carry (statistics target,
-- storage, compression, options, as pg_dump orders them, and an inherited column CREATE does not
-- list without its parent's default: CREATE TABLE ... INHERITS would copy
-- it; a listed one has DEFAULT NULL), in column order; _kind
-- is TABLE or FOREIGN TABLE.  NULL when none.  An identity column's ADD
-- GENERATED is its sequence's entry (sequences.sql).
CREATE OR REPLACE FUNCTION pd_column_properties(_kind text, _nspname name, _relname name, _relid oid, _relpersistence "char")
RETURNS TABLE (stmts text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT string_agg(v.stmt, '' ORDER BY a.attnum, v.k)
    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid, LATERAL (VALUES
        (2, CASE WHEN a.attstattarget >= 0
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET STATISTICS %s;\n',
                        _kind, _nspname, _relname, a.attname, a.attstattarget) END),
        -- PostgreSQL 15.20 keeps each column's version in attoptions under
        -- the reserved key pg_attver; like pg_dump, never copy it
        -- (the options as stored, unquoted, as pg_dump writes them)
        (6, (SELECT format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET (%s);\n', _kind, _nspname, _relname,
                           a.attname, string_agg(o, ', '))
             FROM unnest(a.attoptions) o WHERE o NOT LIKE 'pg\_attver=%' HAVING count(*) > 0)),
        (4, CASE WHEN a.attstorage <> at.typstorage
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET STORAGE %s;\n', _kind, _nspname, _relname,
                        a.attname, CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL'
                                   WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END) END),
        (5, CASE WHEN a.attcompression <> ''
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET COMPRESSION %s;\n', _kind, _nspname, _relname,
                        a.attname, CASE a.attcompression WHEN 'l' THEN 'lz4' ELSE 'pglz' END) END),
        (7, CASE WHEN NOT a.atthasdef AND a.attgenerated = '' AND NOT a.attislocal AND NOT EXISTS (SELECT 1
                 FROM pg_class pr WHERE pr.oid = _relid AND pr.relispartition)
                 AND (SELECT ad.found FROM pd_ancestor_default(_relid, a.attname) ad)
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET DEFAULT NULL;\n', _kind, _nspname, _relname,
                        a.attname) END),
        (8, CASE WHEN _kind = 'FOREIGN TABLE' THEN
            (SELECT format(E'ALTER FOREIGN TABLE %I.%I ALTER COLUMN %I%s;\n', _nspname, _relname, a.attname, o.clause)
             FROM pd_fdw_options(a.attfdwoptions) o WHERE o.clause IS NOT NULL) END)
    ) v(k, stmt)
    WHERE a.attrelid = _relid AND a.attnum > 0 AND NOT a.attisdropped AND v.stmt IS NOT NULL;
END;

-- The ALTER statements that follow an index or a constraint's index. NULL when none.
CREATE OR REPLACE FUNCTION pd_index_extras(_indisclustered boolean, _indisreplident boolean, _nspname name, _relname name,
                                _indexname name, _indexoid oid)
RETURNS TABLE (stmts text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT string_agg(s, '' ORDER BY k) FROM (VALUES
        (1, CASE WHEN _indisclustered
            THEN format(E'\nALTER TABLE %I.%I CLUSTER ON %I;\n', _nspname, _relname, _indexname) END),
        (2, CASE WHEN _indisreplident
            THEN format(E'\nALTER TABLE ONLY %I.%I REPLICA IDENTITY USING INDEX %I;\n', _nspname, _relname,
                        _indexname) END),
        (3, (SELECT string_agg(format(E'ALTER INDEX %I.%I ALTER COLUMN %s SET STATISTICS %s;\n', _nspname,
                                      _indexname, ia.attnum, ia.attstattarget), '' ORDER BY ia.attnum)
             FROM pg_attribute ia WHERE ia.attrelid = _indexoid AND ia.attstattarget >= 0))
    ) v(k, s);
END;
