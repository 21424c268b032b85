/* parallel_dump--0.2--0.3.sql */
\echo Use "ALTER EXTENSION parallel_dump UPDATE TO '0.3'" to load this file. \quit

-- Version 0.3: catalog fragments whose text changed since 0.2 are replaced
-- here (CREATE OR REPLACE FUNCTION, same signature), and the SQL functions
-- added since 0.2 are created here.  The library needs 0.3.

-- pd_mirror (issue 13): copies this database into an empty database of
-- another server over libpq, in parallel, with no files in between.
-- conninfo names the target database; the selection and output options
-- are pd_dump's.
CREATE FUNCTION pd_mirror(conninfo text, jobs integer DEFAULT 2, create_database boolean DEFAULT false,
                          schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
                          tables text[] DEFAULT NULL, exclude_tables text[] DEFAULT NULL,
                          exclude_table_data text[] DEFAULT NULL,
                          schema_only boolean DEFAULT false, data_only boolean DEFAULT false,
                          no_owner boolean DEFAULT false, no_privileges boolean DEFAULT false,
                          no_comments boolean DEFAULT false, no_publications boolean DEFAULT false,
                          no_subscriptions boolean DEFAULT false, no_blobs boolean DEFAULT false,
                          load_via_partition_root boolean DEFAULT false, strict_names boolean DEFAULT false,
                          OUT entries bigint, OUT tables_copied bigint, OUT rows_copied bigint,
                          OUT large_objects bigint)
RETURNS record
AS 'MODULE_PATHNAME', 'pd_mirror'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_mirror IS
'Copies the current database into an empty database of another server using jobs background workers';

-- A connection from inside the server is a privilege, as with dblink:
-- superusers, and roles granted EXECUTE (then a password is required).
REVOKE ALL ON FUNCTION pd_mirror FROM PUBLIC;
-- Progress (issue 15, item 1): pd_progress() and pd_progress_workers(), one
-- row per running pd_dump / pd_restore / pd_mirror and per worker of it,
-- read from any session (join pg_stat_activity on pid).  Functions, not
-- views: the extension lives in pg_catalog, where PostgreSQL creates no
-- views (and pg_upgrade could not recreate one).  Everyone sees the rows;
-- target and current_item are NULL unless the caller has the privileges of
-- the run's role or of pg_read_all_stats, as for pg_stat_activity's query.
CREATE FUNCTION pd_progress(
    OUT pid integer, OUT command text, OUT datname name, OUT target text, OUT phase text, OUT workers integer,
    OUT items_done bigint, OUT items_total bigint, OUT bytes_done bigint, OUT bytes_total bigint,
    OUT rows_done bigint, OUT elapsed interval, OUT remaining interval)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pd_progress'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION pd_progress() IS 'parallel_dump: one row per running pd_dump, pd_restore or pd_mirror';

CREATE FUNCTION pd_progress_workers(
    OUT leader_pid integer, OUT pid integer, OUT worker integer, OUT current_item text,
    OUT items_done bigint, OUT bytes bigint, OUT rows bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pd_progress_workers'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION pd_progress_workers() IS 'parallel_dump: one row per worker of a running pd_dump, pd_restore or pd_mirror';
-- Archives anyone can verify, and retention (issue 15, items 2 and 3):
-- pd_verify, and pd_dump's keep argument.
CREATE FUNCTION pd_verify(path text)
RETURNS TABLE (file text, problem text)
AS 'MODULE_PATHNAME', 'pd_verify'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_verify(text) IS
'Checks a directory archive (its manifest, TOC, data files and COPY data) and returns one row per problem';

-- Reading server files is a privilege, as for pd_list.
REVOKE ALL ON FUNCTION pd_verify(text) FROM PUBLIC;

DROP FUNCTION pd_dump(text, integer, integer, text[], text[], text[], text[], text[], boolean, boolean,
                      boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean);

CREATE FUNCTION pd_dump(path text, jobs integer DEFAULT 2, compression integer DEFAULT -1,
                        schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
                        tables text[] DEFAULT NULL, exclude_tables text[] DEFAULT NULL,
                        exclude_table_data text[] DEFAULT NULL,
                        schema_only boolean DEFAULT false, data_only boolean DEFAULT false,
                        no_owner boolean DEFAULT false, no_privileges boolean DEFAULT false,
                        no_comments boolean DEFAULT false, no_publications boolean DEFAULT false,
                        no_subscriptions boolean DEFAULT false, no_blobs boolean DEFAULT false,
                        load_via_partition_root boolean DEFAULT false, strict_names boolean DEFAULT false,
                        keep integer DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'pd_dump'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_dump IS
'Writes a pg_dump directory archive of the current database to path using jobs background workers';

REVOKE ALL ON FUNCTION pd_dump FROM PUBLIC;

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
