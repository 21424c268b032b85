-- The version of the parallel_dump extension in this database (the library checks that it has
-- the SQL fragments the other queries use).
-- Returns: extversion text
SELECT extversion FROM pg_extension WHERE extname = 'parallel_dump';
