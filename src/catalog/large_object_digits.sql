-- The numbers of digits the large objects' oids have: catalog_reader.cpp's read_large_objects
-- reads large_objects.sql once for each of them (two index probes per number of digits).
-- Returns: digits integer
SELECT d AS digits
FROM generate_series(1, 10) d
WHERE $3 AND EXISTS (SELECT FROM pg_largeobject_metadata l
                     WHERE l.oid BETWEEN power(10::numeric, d - 1)::bigint::oid
                                     AND least(power(10::numeric, d) - 1, 4294967295)::bigint::oid)
ORDER BY d;
