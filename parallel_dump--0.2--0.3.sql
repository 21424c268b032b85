/* parallel_dump--0.2--0.3.sql */
\echo Use "ALTER EXTENSION parallel_dump UPDATE TO '0.3'" to load this file. \quit

-- Version 0.3: catalog fragments whose text changed since 0.2 are replaced
-- here (CREATE OR REPLACE FUNCTION, same signature), and the SQL functions
-- added since 0.2 are created here.  The library needs 0.3.
