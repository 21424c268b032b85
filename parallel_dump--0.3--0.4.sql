/* parallel_dump--0.3--0.4.sql */
\echo Use "ALTER EXTENSION parallel_dump UPDATE TO '0.4'" to load this file. \quit

-- Version 0.4: the changes to the SQL surface since 0.3 (released), one
-- section per feature.  The library needs 0.4.

-- Statistics that travel (issue 15 item 4): pd_dump(..., statistics => true)
-- also writes the optimizer statistics of the tables the caller may ANALYZE
-- (statistics.dat), and pd_restore applies them unless statistics => false.
-- Both are new last arguments: the functions are recreated, so GRANTs on
-- them must be given again after the update.
DROP FUNCTION pd_dump(text, integer, integer, text[], text[], text[], text[], text[], boolean, boolean,
                      boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, integer);

CREATE FUNCTION pd_dump(path text, jobs integer DEFAULT 2, compression integer DEFAULT -1,
                        schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
                        tables text[] DEFAULT NULL, exclude_tables text[] DEFAULT NULL,
                        exclude_table_data text[] DEFAULT NULL,
                        schema_only boolean DEFAULT false, data_only boolean DEFAULT false,
                        no_owner boolean DEFAULT false, no_privileges boolean DEFAULT false,
                        no_comments boolean DEFAULT false, no_publications boolean DEFAULT false,
                        no_subscriptions boolean DEFAULT false, no_blobs boolean DEFAULT false,
                        load_via_partition_root boolean DEFAULT false, strict_names boolean DEFAULT false,
                        keep integer DEFAULT NULL, statistics boolean DEFAULT false)
RETURNS text
AS 'MODULE_PATHNAME', 'pd_dump'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_dump IS
'Writes a pg_dump directory archive of the current database to path using jobs background workers';

REVOKE ALL ON FUNCTION pd_dump FROM PUBLIC;

DROP FUNCTION pd_restore(text, text, integer, boolean, boolean, boolean, boolean, boolean, boolean,
                         text[], text[], boolean);

CREATE FUNCTION pd_restore(path text, dbname text, jobs integer DEFAULT 2,
                           schema_only boolean DEFAULT false, data_only boolean DEFAULT false,
                           clean boolean DEFAULT false, if_exists boolean DEFAULT false,
                           no_owner boolean DEFAULT false, no_privileges boolean DEFAULT false,
                           schemas text[] DEFAULT NULL, tables text[] DEFAULT NULL,
                           exit_on_error boolean DEFAULT true, statistics boolean DEFAULT true,
                           OUT restored integer, OUT failed integer)
RETURNS record
AS 'MODULE_PATHNAME', 'pd_restore'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_restore IS
'Restores a pg_dump directory archive into database dbname using jobs background workers';

REVOKE ALL ON FUNCTION pd_restore FROM PUBLIC;
