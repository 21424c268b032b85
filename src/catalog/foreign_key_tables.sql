-- The referencing and the referenced table of every foreign key (a data-only dump loads the
-- referenced one first).
-- Returns: referencing oid, referenced oid
SELECT conrelid AS referencing, confrelid AS referenced
FROM pg_constraint
WHERE contype = 'f' AND conrelid <> confrelid;
