/* parallel_dump--0.1.sql */
\echo Use "CREATE EXTENSION parallel_dump" to load this file. \quit

-- The options carry pg_dump's names and meanings (-n, -N, -t, -T,
-- --exclude-table-data, -s, -a, -O, -x, --no-comments, --no-publications,
-- --no-subscriptions, --no-blobs, --load-via-partition-root, --strict-names).
CREATE FUNCTION pd_dump(path text, jobs integer DEFAULT 2, compression integer DEFAULT -1,
                        schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
                        tables text[] DEFAULT NULL, exclude_tables text[] DEFAULT NULL,
                        exclude_table_data text[] DEFAULT NULL,
                        schema_only boolean DEFAULT false, data_only boolean DEFAULT false,
                        no_owner boolean DEFAULT false, no_privileges boolean DEFAULT false,
                        no_comments boolean DEFAULT false, no_publications boolean DEFAULT false,
                        no_subscriptions boolean DEFAULT false, no_blobs boolean DEFAULT false,
                        load_via_partition_root boolean DEFAULT false, strict_names boolean DEFAULT false)
RETURNS text
AS 'MODULE_PATHNAME', 'pd_dump'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_dump IS
'Writes a pg_dump directory archive of the current database to path using jobs background workers';

-- Writing server files is a privilege: superusers, and members of
-- pg_write_server_files once granted EXECUTE (the function checks again).
REVOKE ALL ON FUNCTION pd_dump FROM PUBLIC;

CREATE FUNCTION pd_list(path text)
RETURNS TABLE (dump_id integer, section text, kind text, schema text, name text, owner text,
               data_file text, data_size bigint)
AS 'MODULE_PATHNAME', 'pd_list'
LANGUAGE C VOLATILE PARALLEL SAFE;

COMMENT ON FUNCTION pd_list(text) IS
'Lists the table of contents of a pg_dump directory archive, as pg_restore -l does';

-- Reading server files is a privilege: superusers, and members of
-- pg_read_server_files once granted EXECUTE (the function checks again).
REVOKE ALL ON FUNCTION pd_list(text) FROM PUBLIC;

-- Restores a directory archive (ours or pg_dump 15's) into an existing
-- database of this cluster; options with pg_restore's meanings.
CREATE FUNCTION pd_restore(path text, dbname text, jobs integer DEFAULT 2,
                           schema_only boolean DEFAULT false, data_only boolean DEFAULT false,
                           clean boolean DEFAULT false, if_exists boolean DEFAULT false,
                           no_owner boolean DEFAULT false, no_privileges boolean DEFAULT false,
                           schemas text[] DEFAULT NULL, tables text[] DEFAULT NULL,
                           exit_on_error boolean DEFAULT true,
                           OUT restored integer, OUT failed integer)
RETURNS record
AS 'MODULE_PATHNAME', 'pd_restore'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_restore IS
'Restores a pg_dump directory archive into database dbname using jobs background workers';

REVOKE ALL ON FUNCTION pd_restore FROM PUBLIC;
