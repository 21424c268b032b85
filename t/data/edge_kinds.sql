-- Corner cases pg_dump handles specially (found by round-tripping
-- PostgreSQL's regression database, see t/011), gathered in one database.
CREATE SCHEMA edge;
SET search_path = edge;

-- a view that groups by a primary key alone needs the key: pg_dump creates a
-- stand-in first and the real query after the key
CREATE TABLE base (key int PRIMARY KEY, data varchar(20) COLLATE "C", n numeric);
INSERT INTO base SELECT g, 'd' || g, g FROM generate_series(1, 20) g;
CREATE VIEW by_key AS SELECT key, data FROM base GROUP BY key;
CREATE VIEW by_key_no_cols AS SELECT FROM base GROUP BY key HAVING length(data) > 0;
CREATE VIEW over_by_key AS SELECT key FROM by_key WHERE key > 3;
CREATE VIEW checked_by_key WITH (security_barrier) AS SELECT key, data FROM base GROUP BY key;
COMMENT ON VIEW by_key IS 'needs base_pkey';
-- ... and a materialized view that does the same moves after the key
CREATE MATERIALIZED VIEW mv_by_key AS SELECT key, data FROM base GROUP BY key;
CREATE VIEW over_mv_by_key AS SELECT key FROM mv_by_key;

-- a materialized view over a view over a materialized view: refreshed in order
CREATE MATERIALIZED VIEW mv_bottom AS SELECT sum(n) AS total FROM base;
CREATE VIEW v_middle AS SELECT total FROM mv_bottom;
CREATE MATERIALIZED VIEW mv_top AS SELECT total * 2 AS twice FROM v_middle;
CREATE MATERIALIZED VIEW mv_compressed AS SELECT data AS x FROM base;
ALTER MATERIALIZED VIEW mv_compressed ALTER COLUMN x SET COMPRESSION pglz;
ALTER MATERIALIZED VIEW mv_compressed ALTER COLUMN x SET STORAGE EXTERNAL;

-- a shell type never completed, an operator class without members
CREATE TYPE lonely_shell;
CREATE OPERATOR FAMILY empty_family USING btree;
CREATE OPERATOR CLASS empty_class FOR TYPE int4 USING btree FAMILY empty_family AS STORAGE int4;

-- inheritance: generated and default columns of parents, NOT VALID checks
CREATE TABLE gen_parent (a int NOT NULL, b int GENERATED ALWAYS AS (a * 2) STORED, c int DEFAULT 7);
CREATE TABLE gen_child (a int NOT NULL, b int GENERATED ALWAYS AS (a * 2) STORED, c int);
ALTER TABLE gen_child INHERIT gen_parent;
ALTER TABLE ONLY gen_child ALTER COLUMN c DROP DEFAULT;
INSERT INTO gen_parent (a) VALUES (1);
INSERT INTO gen_child (a) VALUES (2);
CREATE TABLE nv_parent (d date);
CREATE TABLE nv_child_1 () INHERITS (nv_parent);
CREATE TABLE nv_child_2 () INHERITS (nv_parent);
INSERT INTO nv_child_1 VALUES ('1999-01-01');
ALTER TABLE nv_parent ADD CONSTRAINT nv_parent_d_check CHECK (d > '2000-01-01') NOT VALID;

-- identity sequences whose persistence differs from their table's
CREATE UNLOGGED TABLE ident_unlogged (a int GENERATED ALWAYS AS IDENTITY);
ALTER SEQUENCE ident_unlogged_a_seq SET LOGGED;
INSERT INTO ident_unlogged DEFAULT VALUES;

-- the index of a primary key with a comment of its own
CREATE TABLE commented (id int CONSTRAINT commented_pk PRIMARY KEY);
COMMENT ON INDEX commented_pk IS 'the index behind the key';
COMMENT ON CONSTRAINT commented_pk ON commented IS 'the key itself';

-- a partition's copy of a trigger, disabled or enabled on its own
CREATE FUNCTION trig_fn() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE trig_parted (a int) PARTITION BY LIST (a);
CREATE TABLE trig_part_1 PARTITION OF trig_parted FOR VALUES IN (1);
CREATE TABLE trig_part_2 PARTITION OF trig_parted FOR VALUES IN (2);
CREATE TRIGGER aft_row AFTER INSERT ON trig_parted FOR EACH ROW EXECUTE FUNCTION trig_fn();
ALTER TABLE trig_part_1 DISABLE TRIGGER aft_row;
ALTER TABLE trig_part_2 ENABLE ALWAYS TRIGGER aft_row;
INSERT INTO trig_parted VALUES (1), (2);

-- foreign tables: constraints, defaults, inheritance, partitions, triggers, column settings
CREATE FOREIGN DATA WRAPPER edge_fdw;
CREATE SERVER edge_server FOREIGN DATA WRAPPER edge_fdw;
CREATE FOREIGN TABLE ft_checked (id int NOT NULL DEFAULT 5, v text, CONSTRAINT ft_positive CHECK (id > 0))
  SERVER edge_server OPTIONS (table_name 'far');
ALTER FOREIGN TABLE ft_checked ADD CONSTRAINT ft_later CHECK (v <> '') NOT VALID;
ALTER FOREIGN TABLE ft_checked ALTER COLUMN v SET STORAGE MAIN;
ALTER FOREIGN TABLE ft_checked ALTER COLUMN v SET (n_distinct = 100);
CREATE TRIGGER ft_trig BEFORE INSERT ON ft_checked FOR EACH ROW EXECUTE FUNCTION trig_fn();
CREATE TABLE ft_parent (id int DEFAULT 1, v text);
CREATE FOREIGN TABLE ft_child (extra int) INHERITS (ft_parent) SERVER edge_server;
CREATE TABLE ft_parted (id int, v text) PARTITION BY RANGE (id);
CREATE TABLE ft_parted_local PARTITION OF ft_parted FOR VALUES FROM (0) TO (100);
CREATE FOREIGN TABLE ft_parted_remote PARTITION OF ft_parted FOR VALUES FROM (100) TO (200) SERVER edge_server;
CREATE STATISTICS ft_stats (dependencies) ON id, v FROM ft_checked;
INSERT INTO ft_parted VALUES (1, 'local');

-- privileges changed on pg_catalog's own objects (kept per database)
GRANT EXECUTE ON FUNCTION pg_catalog.pg_stat_reset() TO PUBLIC;
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_sleep(double precision) FROM PUBLIC;
GRANT SELECT (prosrc) ON pg_catalog.pg_proc TO pg_monitor;
GRANT UPDATE ON pg_catalog.pg_description TO pg_write_all_data;

RESET search_path;

-- names that need quoting in the tags of column comments and column privileges
-- (pg_dump's COLUMN "Odd Table"."Odd Col"), and a procedure's comment (its tag
-- carries the argument modes)
CREATE TABLE "Odd Table" (id int, "Odd Col" text);
COMMENT ON COLUMN "Odd Table"."Odd Col" IS 'a quoted column';
GRANT SELECT ("Odd Col"), UPDATE (id) ON "Odd Table" TO PUBLIC;
CREATE TYPE "Odd Type" AS ("Odd Field" int);
COMMENT ON COLUMN "Odd Type"."Odd Field" IS 'a quoted field';
CREATE PROCEDURE "Odd Proc"(INOUT x "Odd Type", IN y int) LANGUAGE sql AS 'SELECT x';
COMMENT ON PROCEDURE "Odd Proc"("Odd Type", int) IS 'a procedure';
