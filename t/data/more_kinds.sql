-- Row-level security, rules, extended statistics, collations, event
-- triggers, publications and default privileges.
CREATE SCHEMA sec;
CREATE TABLE sec.docs (id int PRIMARY KEY, owner_name text, body text, level int);
ALTER TABLE sec.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_owner ON sec.docs USING (owner_name = current_user);
CREATE POLICY docs_insert ON sec.docs FOR INSERT TO rich_reader WITH CHECK (level < 5);
CREATE POLICY docs_restrict ON sec.docs AS RESTRICTIVE FOR UPDATE TO rich_reader, "Rich Writer"
  USING (level > 0) WITH CHECK (level > 0);
COMMENT ON POLICY docs_owner ON sec.docs IS 'own rows';
CREATE TABLE sec.forced (id int);
ALTER TABLE sec.forced ENABLE ROW LEVEL SECURITY;
ALTER TABLE sec.forced FORCE ROW LEVEL SECURITY;
INSERT INTO sec.docs SELECT g, 'u' || g % 3, 'body ' || g, g % 7 FROM generate_series(1, 300) g;
INSERT INTO sec.forced VALUES (1), (2);

CREATE TABLE sec.log (id serial, msg text);
CREATE TABLE sec.counter (n int);
CREATE RULE log_ins AS ON INSERT TO sec.log DO ALSO UPDATE sec.counter SET n = n + 1;
CREATE RULE log_del AS ON DELETE TO sec.log DO INSTEAD NOTHING;
ALTER TABLE sec.log DISABLE RULE log_del;
COMMENT ON RULE log_ins ON sec.log IS 'counts';
CREATE VIEW sec.log_view AS SELECT id, msg FROM sec.log;
CREATE RULE log_view_ins AS ON INSERT TO sec.log_view DO INSTEAD INSERT INTO sec.log (msg) VALUES (NEW.msg);
INSERT INTO sec.counter VALUES (0);
INSERT INTO sec.log (msg) VALUES ('a'), ('b');

CREATE STATISTICS sec.docs_stats (ndistinct, dependencies) ON owner_name, level FROM sec.docs;
CREATE STATISTICS sec.docs_expr ON lower(body), level FROM sec.docs;
ALTER STATISTICS sec.docs_stats SET STATISTICS 500;
COMMENT ON STATISTICS sec.docs_stats IS 'correlated';

CREATE COLLATION sec.german (provider = libc, locale = 'C.UTF-8');
CREATE COLLATION sec.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE sec.names (n text COLLATE sec.nocase, g text COLLATE sec.german);
INSERT INTO sec.names VALUES ('Abc', 'x'), ('abc', 'y');
COMMENT ON COLLATION sec.german IS 'libc';

CREATE FUNCTION sec.ddl_guard() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
CREATE EVENT TRIGGER guard ON ddl_command_start WHEN TAG IN ('DROP TABLE', 'ALTER TABLE')
  EXECUTE FUNCTION sec.ddl_guard();
CREATE EVENT TRIGGER guard_off ON sql_drop EXECUTE FUNCTION sec.ddl_guard();
ALTER EVENT TRIGGER guard_off DISABLE;
COMMENT ON EVENT TRIGGER guard IS 'watch';

CREATE PUBLICATION pub_all FOR ALL TABLES WITH (publish = 'insert, update');
CREATE PUBLICATION pub_some FOR TABLE sec.docs (id, level) WHERE (level > 1), sec.log;
CREATE PUBLICATION pub_schema FOR TABLES IN SCHEMA sec WITH (publish_via_partition_root = true);
COMMENT ON PUBLICATION pub_some IS 'some';

ALTER DEFAULT PRIVILEGES FOR ROLE rich_owner IN SCHEMA sec GRANT SELECT ON TABLES TO rich_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE rich_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE rich_owner GRANT USAGE ON SEQUENCES TO "Rich Writer" WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO rich_reader;

-- large objects: data, an empty one, owners, privileges and comments
SELECT lo_from_bytea(91001, convert_to(repeat('large object payload ', 100000), 'UTF8'));
SELECT lo_from_bytea(91002, '\x00ff00ff'::bytea);
SELECT lo_create(91003);
ALTER LARGE OBJECT 91002 OWNER TO rich_owner;
GRANT SELECT ON LARGE OBJECT 91001 TO rich_reader;
COMMENT ON LARGE OBJECT 91001 IS 'big one';

-- aggregates: plain, with moving-aggregate support, ordered-set, hypothetical
CREATE SCHEMA calc;
CREATE FUNCTION calc.add2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION calc.sub2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE AGGREGATE calc.total(int) (SFUNC = calc.add2, STYPE = int, INITCOND = '0',
  MSFUNC = calc.add2, MINVFUNC = calc.sub2, MSTYPE = int, MINITCOND = '0', PARALLEL = SAFE);
CREATE AGGREGATE calc.my_max(int) (SFUNC = int4larger, STYPE = int, SORTOP = >, COMBINEFUNC = int4larger);
CREATE AGGREGATE calc.my_pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,
  FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
CREATE AGGREGATE calc.my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi,
  STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE AGGREGATE calc.count_all(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
COMMENT ON AGGREGATE calc.total(int) IS 'sums';
GRANT EXECUTE ON FUNCTION calc.total(int) TO rich_reader;

-- a cast, a conversion, an operator
CREATE TYPE calc.money2 AS (amount numeric);
CREATE FUNCTION calc.money2_text(calc.money2) RETURNS text LANGUAGE sql AS 'SELECT $1.amount::text';
CREATE CAST (calc.money2 AS text) WITH FUNCTION calc.money2_text(calc.money2) AS ASSIGNMENT;
CREATE CAST (int4 AS calc.money2) WITH INOUT;
COMMENT ON CAST (calc.money2 AS text) IS 'to text';
CREATE CONVERSION calc.my_latin FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE OPERATOR calc.=== (FUNCTION = int4eq, LEFTARG = int, RIGHTARG = int, COMMUTATOR = OPERATOR(calc.===),
  NEGATOR = OPERATOR(calc.!==), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR calc.!== (FUNCTION = int4ne, LEFTARG = int, RIGHTARG = int);
CREATE OPERATOR calc.~~~ (FUNCTION = int4um, RIGHTARG = int);
COMMENT ON OPERATOR calc.===(int, int) IS 'same';

-- text search
CREATE TEXT SEARCH PARSER calc.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
  LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE calc.tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY calc.dict (TEMPLATE = calc.tmpl, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION calc.cfg (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION calc.cfg ALTER MAPPING FOR word, asciiword WITH calc.dict, english_stem;
CREATE TEXT SEARCH CONFIGURATION calc.cfg2 (PARSER = calc.prs);
COMMENT ON TEXT SEARCH CONFIGURATION calc.cfg IS 'search';
CREATE TABLE calc.docs (body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('calc.cfg', body)) STORED);
INSERT INTO calc.docs (body) VALUES ('the quick brown fox'), ('jumps over');

-- foreign data
CREATE FOREIGN DATA WRAPPER dummy_fdw OPTIONS (debug 'true');
CREATE SERVER remote TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER dummy_fdw OPTIONS (host 'localhost', port '5432');
CREATE USER MAPPING FOR rich_reader SERVER remote OPTIONS (user 'r', password 'secret''s');
CREATE USER MAPPING FOR PUBLIC SERVER remote;
CREATE FOREIGN TABLE calc.remote_t (id int OPTIONS (column_name 'rid') NOT NULL, v text COLLATE "C")
  SERVER remote OPTIONS (schema_name 'public', table_name 't');
ALTER FOREIGN TABLE calc.remote_t ALTER COLUMN v SET STATISTICS 50;
COMMENT ON FOREIGN TABLE calc.remote_t IS 'elsewhere';
COMMENT ON COLUMN calc.remote_t.id IS 'remote id';
GRANT USAGE ON FOREIGN SERVER remote TO rich_reader;
GRANT SELECT ON calc.remote_t TO rich_reader;

-- operator families and classes, a language, a table access method
CREATE FUNCTION calc.rev_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp($2, $1)';
CREATE OPERATOR FAMILY calc.rev_fam USING btree;
CREATE OPERATOR CLASS calc.rev_ops FOR TYPE int USING btree FAMILY calc.rev_fam AS
  OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 calc.rev_cmp(int, int);
CREATE OPERATOR CLASS calc.rev2_ops FOR TYPE int USING btree AS
  OPERATOR 1 >, OPERATOR 3 =, OPERATOR 5 <, FUNCTION 1 calc.rev_cmp(int, int);
CREATE OPERATOR FAMILY calc.hfam USING hash;
ALTER OPERATOR FAMILY calc.hfam USING hash ADD OPERATOR 1 calc.=== (int, int), FUNCTION 1 (int, int) hashint4(int);
COMMENT ON OPERATOR CLASS calc.rev_ops USING btree IS 'reversed';
CREATE TABLE calc.sorted (x int);
CREATE INDEX sorted_rev ON calc.sorted (x calc.rev_ops);
INSERT INTO calc.sorted SELECT generate_series(1, 50);
CREATE FUNCTION calc.plh() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C;
CREATE TRUSTED LANGUAGE my_plpgsql HANDLER calc.plh;
COMMENT ON LANGUAGE my_plpgsql IS 'a copy';
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE calc.other_am (id int, v text) USING heap2;
INSERT INTO calc.other_am VALUES (1, 'one');

-- a typed table, a subscription (never connected)
CREATE TYPE calc.pair AS (a int, b text);
CREATE TABLE calc.pairs OF calc.pair (a WITH OPTIONS NOT NULL, b WITH OPTIONS DEFAULT 'x');
ALTER TABLE calc.pairs ADD PRIMARY KEY (a);
CREATE TABLE calc.pairs2 OF calc.pair;
INSERT INTO calc.pairs VALUES (1, 'one'), (2, DEFAULT);
CREATE SUBSCRIPTION sub_nowhere CONNECTION 'dbname=nowhere host=/nonexistent' PUBLICATION pub_all
  WITH (connect = false, slot_name = NONE, binary = true);
COMMENT ON SUBSCRIPTION sub_nowhere IS 'never connects';

-- a base type with I/O functions of its own (internal ones stand in for C code)
CREATE TYPE calc.label;
CREATE FUNCTION calc.label_in(cstring) RETURNS calc.label AS 'textin' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION calc.label_out(calc.label) RETURNS cstring AS 'textout' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION calc.label_recv(internal) RETURNS calc.label AS 'textrecv' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION calc.label_send(calc.label) RETURNS bytea AS 'textsend' LANGUAGE internal IMMUTABLE STRICT;
CREATE TYPE calc.label (INPUT = calc.label_in, OUTPUT = calc.label_out, RECEIVE = calc.label_recv,
  SEND = calc.label_send, LIKE = text, CATEGORY = 'S', COLLATABLE = true, DEFAULT = 'none');
COMMENT ON TYPE calc.label IS 'text under another name';
CREATE TABLE calc.labelled (id int, l calc.label, ls calc.label[]);
INSERT INTO calc.labelled VALUES (1, 'a', '{b,c}'), (2, NULL, NULL);
