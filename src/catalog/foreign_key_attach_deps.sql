-- A foreign key to a partitioned table needs its unique index valid, which it is only once every
-- partition's index is attached: the key and each partition index whose INDEX ATTACH it follows.
-- Returns: constraint_oid oid, index_oid oid
WITH RECURSIVE idx(fk, idx) AS (
    SELECT co.oid, co.conindid FROM pg_constraint co JOIN pg_class rc ON rc.oid = co.confrelid
    WHERE co.contype = 'f' AND rc.relkind = 'p' AND co.conparentid = 0
    UNION ALL SELECT idx.fk, i.inhrelid FROM idx JOIN pg_inherits i ON i.inhparent = idx.idx)
SELECT fk AS constraint_oid, idx AS index_oid
FROM idx
WHERE EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = idx.idx);
