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

-- names that need quoting in COMMENT and ACL tags, for every kind that has them
-- (pg_dump quotes them: COMMENT - FOREIGN DATA WRAPPER "W r")
CREATE SCHEMA "Q s";
SET search_path = "Q s";
CREATE ACCESS METHOD "A m" TYPE TABLE HANDLER heap_tableam_handler; COMMENT ON ACCESS METHOD "A m" IS 'am';
CREATE COLLATION "C o" (provider = icu, locale = 'und'); COMMENT ON COLLATION "C o" IS 'coll';
CREATE CONVERSION "C v" FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8; COMMENT ON CONVERSION "C v" IS 'conv';
CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
CREATE EVENT TRIGGER "E t" ON ddl_command_start EXECUTE FUNCTION evt(); COMMENT ON EVENT TRIGGER "E t" IS 'evt';
CREATE FOREIGN DATA WRAPPER "W r"; COMMENT ON FOREIGN DATA WRAPPER "W r" IS 'fdw'; GRANT USAGE ON FOREIGN DATA WRAPPER "W r" TO PUBLIC;
CREATE SERVER "S v" TYPE 'ty\pe' VERSION 'v\1' FOREIGN DATA WRAPPER "W r"; COMMENT ON SERVER "S v" IS 'srv'; GRANT USAGE ON FOREIGN SERVER "S v" TO PUBLIC;
CREATE FUNCTION h() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';
CREATE TRUSTED LANGUAGE "L g" HANDLER h; COMMENT ON LANGUAGE "L g" IS 'lang'; GRANT USAGE ON LANGUAGE "L g" TO PUBLIC;
CREATE OPERATOR FAMILY "O f" USING btree; COMMENT ON OPERATOR FAMILY "O f" USING btree IS 'opf';
CREATE OPERATOR CLASS "O c" FOR TYPE int USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int);
COMMENT ON OPERATOR CLASS "O c" USING btree IS 'opc';
CREATE TABLE t (a int, b int);
CREATE STATISTICS "S t" ON a, b FROM t; COMMENT ON STATISTICS "S t" IS 'st';
CREATE PUBLICATION "P b" FOR TABLE t; COMMENT ON PUBLICATION "P b" IS 'pub';
CREATE TEXT SEARCH CONFIGURATION "C f" (COPY = english); COMMENT ON TEXT SEARCH CONFIGURATION "C f" IS 'cfg';
CREATE TEXT SEARCH DICTIONARY "D d" (TEMPLATE = simple); COMMENT ON TEXT SEARCH DICTIONARY "D d" IS 'dict';
CREATE TEXT SEARCH TEMPLATE "T p" (LEXIZE = dsimple_lexize); COMMENT ON TEXT SEARCH TEMPLATE "T p" IS 'tmpl';
CREATE TEXT SEARCH PARSER "P r" (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
COMMENT ON TEXT SEARCH PARSER "P r" IS 'prs';
CREATE DOMAIN "D m" AS int; COMMENT ON DOMAIN "D m" IS 'dom'; GRANT USAGE ON DOMAIN "D m" TO PUBLIC;
CREATE TYPE "E n" AS ENUM ('a', 'back\slash', 'it''s'); COMMENT ON TYPE "E n" IS 'enum'; GRANT USAGE ON TYPE "E n" TO PUBLIC;
CREATE TYPE "C p" AS (x int); COMMENT ON TYPE "C p" IS 'comp';
CREATE TYPE "R g" AS RANGE (subtype = int); COMMENT ON TYPE "R g" IS 'range';
CREATE TYPE "B t"; CREATE FUNCTION "B t_in"(cstring) RETURNS "B t" LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION "B t_out"("B t") RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE "B t" (INPUT = "B t_in", OUTPUT = "B t_out", LIKE = int4); COMMENT ON TYPE "B t" IS 'base'; GRANT USAGE ON TYPE "B t" TO PUBLIC;
CREATE SUBSCRIPTION "S b" CONNECTION 'dbname=x application_name=a\\b' PUBLICATION p WITH (connect = false, slot_name = 's_b'); COMMENT ON SUBSCRIPTION "S b" IS 'sub';
CREATE SEQUENCE "S q"; GRANT USAGE ON SEQUENCE "S q" TO PUBLIC;
CREATE VIEW "V w" AS SELECT 1 AS a; GRANT SELECT ON "V w" TO PUBLIC;
CREATE TABLE "T b" (a int); GRANT SELECT ON "T b" TO PUBLIC;
CREATE SCHEMA "S c"; GRANT USAGE ON SCHEMA "S c" TO PUBLIC; COMMENT ON SCHEMA "S c" IS 'sch';
CREATE FOREIGN TABLE "F t" (a int) SERVER "S v"; COMMENT ON FOREIGN TABLE "F t" IS 'ft'; GRANT SELECT ON "F t" TO PUBLIC;
RESET search_path;
