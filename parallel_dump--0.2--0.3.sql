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
