-- The SQL surface of pd_dump: argument checks, privileges, and cleanup of a
-- failed dump.  Dumps that succeed are exercised by the TAP tests.
CREATE EXTENSION parallel_dump;
\df pd_dump

-- EXECUTE is revoked from PUBLIC
SELECT has_function_privilege('public', 'pd_dump'::regproc, 'EXECUTE') AS public_may_run;

-- bad arguments
SELECT pd_dump(NULL);
SELECT pd_dump('');
SELECT pd_dump('relative/dir');
SELECT pd_dump('/tmp/pd_regress_never', 0);
SELECT pd_dump('/tmp/pd_regress_never', -3);
SELECT pd_dump('/tmp/pd_regress_never', 100000);
SELECT pd_dump('/tmp/pd_regress_never', NULL);
SELECT pd_dump('/tmp/pd_regress_never', 2, 10);
SELECT pd_dump('/tmp/pd_regress_never', 2, -2);
SELECT pd_dump('/tmp/pd_regress_never', 2, NULL);
SELECT pd_dump('/tmp/pd_regress_%q');
SELECT pd_dump('/tmp/pd_regress_%');
-- keep => N needs N >= 1 and a path whose placeholders are in its last component
SELECT pd_dump('/tmp/pd_regress_%S', keep => 0);
SELECT pd_dump('/tmp/pd_regress_never', keep => 2);
SELECT pd_dump('/tmp/pd_%Y/regress_%d', keep => 2);
-- statistics => true or false, never NULL
SELECT pd_dump('/tmp/pd_regress_never', statistics => NULL);
-- an existing non-empty directory, a file, a missing parent, an unwritable parent
SELECT pd_dump('/etc');
SELECT pd_dump('/etc/passwd');
SELECT pd_dump('/nonexistent_parent_dir/x');
SELECT pd_dump('/usr/pd_regress');

-- a transaction that wrote cannot be dumped: its workers could not see the writes
BEGIN;
CREATE TABLE pd_uncommitted (id int);
SELECT pd_dump('/tmp/pd_regress_never');
ROLLBACK;

-- privileges
CREATE ROLE pd_nobody;
CREATE ROLE pd_executor;
GRANT EXECUTE ON FUNCTION pd_dump TO pd_executor;
CREATE ROLE pd_writer IN ROLE pg_write_server_files;
GRANT EXECUTE ON FUNCTION pd_dump TO pd_writer;
CREATE TABLE pd_secret (id int);
CREATE TABLE pd_open (id int);
GRANT SELECT ON pd_open TO pd_writer;

SET ROLE pd_nobody;
SELECT pd_dump('/tmp/pd_regress_never');
RESET ROLE;
SET ROLE pd_executor;
SELECT pd_dump('/tmp/pd_regress_never');
RESET ROLE;
-- may write files, but may not read pd_secret: the dump fails as pg_dump's
-- would, and the directory it had created is gone again
SET ROLE pd_writer;
SELECT pd_dump('/tmp/pd_regress_denied_' || pg_backend_pid());
RESET ROLE;
SELECT pg_stat_file('/tmp/pd_regress_denied_' || pg_backend_pid(), true) IS NULL AS removed;

DROP TABLE pd_secret, pd_open;
REVOKE EXECUTE ON FUNCTION pd_dump FROM pd_executor, pd_writer;
DROP ROLE pd_nobody, pd_executor, pd_writer;

-- selection options: bad patterns and impossible combinations
SELECT pd_dump('/tmp/pd_regress_never', schema_only => true, data_only => true);
SELECT pd_dump('/tmp/pd_regress_never', schemas => ARRAY['"unterminated']);
SELECT pd_dump('/tmp/pd_regress_never', tables => '{a.b.c.d}');
SELECT pd_dump('/tmp/pd_regress_never', tables => '{otherdb.public.t}');
SELECT pd_dump('/tmp/pd_regress_never', schemas => '{no_such_schema}');
SELECT pd_dump('/tmp/pd_regress_never', schemas => '{public, no_such_schema}', strict_names => true);
SELECT pd_dump('/tmp/pd_regress_never', tables => '{no_such_table*}');
SELECT pd_dump('/tmp/pd_regress_never', tables => ARRAY[NULL]);
SELECT pd_dump('/tmp/pd_regress_never', tables => '{{a},{b}}');
SELECT pd_dump('/tmp/pd_regress_never', no_blobs => NULL);
