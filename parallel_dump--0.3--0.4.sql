/* parallel_dump--0.3--0.4.sql */
\echo Use "ALTER EXTENSION parallel_dump UPDATE TO '0.4'" to load this file. \quit

-- Version 0.4: the changes to the SQL surface since 0.3 (released), one
-- section per feature.  The library needs 0.4.
