/* parallel_dump--0.2--0.3.sql */
\echo Use "ALTER EXTENSION parallel_dump UPDATE TO '0.3'" to load this file. \quit

-- Version 0.3: catalog fragments whose text changed since 0.2 are replaced
-- here (CREATE OR REPLACE FUNCTION, same signature), and the SQL functions
-- added since 0.2 are created here.  The library needs 0.3.

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
