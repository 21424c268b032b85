/* parallel_dump--0.1.sql */
\echo Use "CREATE EXTENSION parallel_dump" to load this file. \quit

CREATE FUNCTION pd_dump(path text, jobs integer DEFAULT 2, compression integer DEFAULT -1)
RETURNS text
AS 'MODULE_PATHNAME', 'pd_dump'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION pd_dump(text, integer, integer) IS
'Writes a pg_dump directory archive of the current database to path using jobs background workers';

-- Writing server files is a privilege: superusers, and members of
-- pg_write_server_files once granted EXECUTE (the function checks again).
REVOKE ALL ON FUNCTION pd_dump(text, integer, integer) FROM PUBLIC;
