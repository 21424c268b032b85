-- How many large objects the BLOBS entry carries.
-- Returns: large_objects bigint
SELECT count(*) AS large_objects FROM pg_largeobject_metadata WHERE $3;
