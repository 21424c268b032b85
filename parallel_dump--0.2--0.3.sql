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
