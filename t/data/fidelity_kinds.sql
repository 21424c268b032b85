-- Every object kind and option pg_dump 15 writes something particular for,
-- for t/016_fidelity.pl: pd_dump's archive is compared with pg_dump's line by
-- line.  Independent of the database's name; creates its own roles.
CREATE ROLE fid_owner;
CREATE ROLE fid_reader;
CREATE ROLE "Fid Writer";

-- the database itself: comment, settings, privileges
DO $$ BEGIN
  EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), 'the fidelity corpus');
  EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '8MB');
  -- pg_dump quotes a setting for its connection: E'...' where it has a backslash
  EXECUTE format('ALTER DATABASE %I SET fid.note = %L', current_database(), 'back\slash''s');
  EXECUTE format('ALTER DATABASE %I SET search_path = public, fid', current_database());
  EXECUTE format('ALTER ROLE fid_reader IN DATABASE %I SET statement_timeout = %L', current_database(), '5min');
  EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO fid_reader', current_database());
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;

-- schema public: another owner, comment and ACL
ALTER SCHEMA public OWNER TO fid_owner;
COMMENT ON SCHEMA public IS 'application schema';
GRANT CREATE ON SCHEMA public TO fid_reader;
-- the language plpgsql: its ACL
REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
GRANT USAGE ON LANGUAGE plpgsql TO fid_reader;

CREATE SCHEMA fid AUTHORIZATION fid_owner;
CREATE SCHEMA ext;
CREATE SCHEMA other;
SET search_path = fid, public;

-- extensions: member privileges changed, an index depending on one
CREATE EXTENSION hstore WITH SCHEMA ext;
CREATE EXTENSION pg_stat_statements WITH SCHEMA ext;
REVOKE EXECUTE ON FUNCTION ext.pg_stat_statements_reset(oid, oid, bigint) FROM PUBLIC;
GRANT SELECT (queryid, calls) ON ext.pg_stat_statements TO fid_reader;
REVOKE SELECT ON ext.pg_stat_statements_info FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ext.hstore_version_diag(ext.hstore) TO fid_reader;

-- types
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
ALTER TYPE color ADD VALUE 'amber' BEFORE 'green';
CREATE TYPE pair AS (a int, b text COLLATE "C");
COMMENT ON COLUMN pair.b IS 'second';
CREATE TYPE int4span AS RANGE (subtype = int4, multirange_type_name = int4spans);
CREATE DOMAIN pos AS int CHECK (VALUE > 0);
CREATE DOMAIN small_pos AS pos DEFAULT 1 NOT NULL CHECK (VALUE < 100);
GRANT USAGE ON DOMAIN pos TO fid_reader;
REVOKE USAGE ON TYPE color FROM PUBLIC;
-- a base type with every option
CREATE TYPE tag;
CREATE FUNCTION tag_in(cstring) RETURNS tag AS 'textin' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION tag_out(tag) RETURNS cstring AS 'textout' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE tag (INPUT = tag_in, OUTPUT = tag_out, INTERNALLENGTH = VARIABLE, ALIGNMENT = int4,
  STORAGE = extended, CATEGORY = 'U', PREFERRED = false, DELIMITER = ';', COLLATABLE = true, DEFAULT = 'none');
CREATE TYPE fixed16;
CREATE FUNCTION fixed16_in(cstring) RETURNS fixed16 AS 'uuid_in' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION fixed16_out(fixed16) RETURNS cstring AS 'uuid_out' LANGUAGE internal IMMUTABLE STRICT;
CREATE TYPE fixed16 (INPUT = fixed16_in, OUTPUT = fixed16_out, INTERNALLENGTH = 16, ALIGNMENT = char,
  STORAGE = plain, ELEMENT = int4, PASSEDBYVALUE = false);
COMMENT ON TYPE tag IS 'a base type';

-- functions with many attributes, procedures
CREATE FUNCTION f_attrs(a int, INOUT b text DEFAULT 'x', VARIADIC c int[] DEFAULT '{}', OUT d numeric)
  LANGUAGE plpgsql STABLE LEAKPROOF STRICT SECURITY DEFINER PARALLEL RESTRICTED COST 7
  SET work_mem = '2MB' SET search_path = fid, pg_temp
  AS $$BEGIN d := a; END$$;
CREATE FUNCTION f_rows(n int) RETURNS TABLE (i int, sq bigint) LANGUAGE sql IMMUTABLE ROWS 42
  AS $$ SELECT g, g::bigint * g FROM generate_series(1, n) g $$;
CREATE FUNCTION f_setof(int) RETURNS SETOF int LANGUAGE sql CALLED ON NULL INPUT VOLATILE
  SUPPORT generate_series_int4_support AS 'SELECT generate_series(1, $1)';
CREATE FUNCTION f_poly(anycompatible, anycompatible) RETURNS anycompatiblearray LANGUAGE sql IMMUTABLE
  AS 'SELECT ARRAY[$1, $2]';
CREATE FUNCTION f_atomic(x int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
  BEGIN ATOMIC SELECT x + 1; SELECT x + 2; END;
CREATE FUNCTION f_quote() RETURNS text LANGUAGE sql AS $q$ SELECT 'it''s $$ here'::text $q$;
CREATE FUNCTION f_internal(text) RETURNS int AS 'textlen' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION f_window() RETURNS bigint AS 'window_row_number' LANGUAGE internal WINDOW IMMUTABLE;
CREATE PROCEDURE p_plain(a int, INOUT r int DEFAULT NULL) LANGUAGE plpgsql AS $$BEGIN r := a; END$$;
CREATE PROCEDURE p_definer() LANGUAGE sql SECURITY DEFINER SET datestyle = 'ISO, MDY'
  BEGIN ATOMIC SELECT 1; END;
COMMENT ON FUNCTION f_attrs(int, text, int[]) IS 'many attributes';
COMMENT ON PROCEDURE p_plain(int, int) IS 'a procedure';
ALTER FUNCTION f_rows(int) OWNER TO fid_owner;
REVOKE ALL ON FUNCTION f_attrs(int, text, int[]) FROM PUBLIC;
GRANT ALL ON FUNCTION f_attrs(int, text, int[]) TO fid_reader WITH GRANT OPTION;
GRANT EXECUTE ON PROCEDURE p_plain(int, int) TO "Fid Writer";
ALTER FUNCTION f_setof(int) DEPENDS ON EXTENSION hstore;

-- sequences and identity columns
CREATE SEQUENCE s_plain;
CREATE SEQUENCE s_small AS smallint INCREMENT BY -3 MINVALUE -900 MAXVALUE 30 START WITH 30 CACHE 5 CYCLE;
CREATE SEQUENCE s_big AS bigint START 7 MAXVALUE 1000000000000;
CREATE UNLOGGED SEQUENCE s_unlogged;
SELECT setval('s_plain', 17);
SELECT nextval('s_small');
GRANT USAGE ON SEQUENCE s_plain TO fid_reader;
GRANT SELECT, UPDATE ON SEQUENCE s_big TO "Fid Writer";
GRANT ALL ON SEQUENCE s_small TO fid_reader;
CREATE TABLE ident (
  a int GENERATED ALWAYS AS IDENTITY,
  b bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 10 MAXVALUE 1000 CYCLE),
  c smallint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME fid.ident_c_custom MINVALUE -5 START WITH -5),
  v text);
INSERT INTO ident (v) VALUES ('one'), ('two');
CREATE TABLE owns (id int DEFAULT nextval('s_big'), x int);
ALTER SEQUENCE s_big OWNED BY owns.id;

-- tables with every option
CREATE TABLE everything (
  id int PRIMARY KEY,
  c color NOT NULL DEFAULT 'red',
  p pair,
  t tag,
  s small_pos,
  r int4span,
  h ext.hstore,
  g int GENERATED ALWAYS AS (id * 2) STORED,
  txt text COMPRESSION pglz COLLATE "C",
  wide text,
  u int NOT NULL UNIQUE NULLS NOT DISTINCT,
  CONSTRAINT big_id CHECK (id < 1000000) NO INHERIT,
  EXCLUDE USING btree (u WITH =) WHERE (u > 100)
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05, toast.autovacuum_enabled = false);
ALTER TABLE everything ALTER COLUMN wide SET STORAGE EXTERNAL;
ALTER TABLE everything ALTER COLUMN txt SET STATISTICS 250;
ALTER TABLE everything ALTER COLUMN wide SET (n_distinct = 10, n_distinct_inherited = -0.5);
ALTER TABLE everything REPLICA IDENTITY USING INDEX everything_u_key;
ALTER TABLE everything OWNER TO fid_owner;
COMMENT ON TABLE everything IS E'every column kind\nsecond line';
COMMENT ON COLUMN everything.g IS 'generated';
COMMENT ON CONSTRAINT big_id ON everything IS 'not inherited';
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON everything TO fid_reader;
GRANT SELECT (id, c), UPDATE (txt) ON everything TO "Fid Writer";
GRANT SELECT (ctid, xmin) ON everything TO "Fid Writer";
GRANT INSERT ON everything TO "Fid Writer" WITH GRANT OPTION;
REVOKE TRUNCATE, TRIGGER ON everything FROM fid_owner;
INSERT INTO everything (id, c, p, t, s, r, h, txt, wide, u)
  SELECT g, (ARRAY['red', 'amber', 'green', 'blue'])[1 + g % 4]::color, ROW(g, 'b' || g)::pair, ('t' || g)::text::tag,
         1 + g % 50, int4span(g, g + 5), ext.hstore('k', g::text), 'txt ' || g, repeat('w', g), g
  FROM generate_series(1, 200) g;
CREATE TABLE zero_cols ();
INSERT INTO zero_cols DEFAULT VALUES;
INSERT INTO zero_cols DEFAULT VALUES;
CREATE TABLE zero_empty ();
CREATE TABLE refs (
  id int REFERENCES everything ON UPDATE CASCADE ON DELETE SET NULL,
  u int,
  FOREIGN KEY (u) REFERENCES everything (u) MATCH FULL DEFERRABLE);
CREATE UNLOGGED TABLE unlogged_t (k int PRIMARY KEY) WITH (autovacuum_enabled = off);
CREATE TABLE inh_parent (a int, b text DEFAULT 'p');
CREATE TABLE inh_child (c int) INHERITS (inh_parent) WITH (fillfactor = 90);
CREATE TABLE ofpair OF pair (a WITH OPTIONS PRIMARY KEY);
CREATE INDEX everything_expr ON everything ((lower(txt)) text_pattern_ops, id DESC NULLS LAST)
  INCLUDE (u) WITH (fillfactor = 80) WHERE (id > 10);
CREATE INDEX everything_hstore ON everything USING gist (h);
ALTER INDEX everything_hstore DEPENDS ON EXTENSION hstore;
ALTER INDEX everything_expr ALTER COLUMN 1 SET STATISTICS 100;
CLUSTER everything USING everything_pkey;
CREATE STATISTICS everything_stats (mcv) ON c, s FROM everything;
CREATE STATISTICS everything_expr_stats ON (id % 10), (lower(txt)) FROM everything;

-- partitions: hash on an enum key, column defaults, sub-partitions, another schema
CREATE TABLE hash_enum (c color NOT NULL, n int) PARTITION BY HASH (c);
CREATE TABLE hash_enum_0 PARTITION OF hash_enum FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE hash_enum_1 PARTITION OF hash_enum FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE hash_enum_2 PARTITION OF hash_enum FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO hash_enum SELECT (ARRAY['red', 'amber', 'green', 'blue'])[1 + g % 4]::color, g FROM generate_series(1, 400) g;
CREATE TABLE ranged (id int NOT NULL, at date, note text DEFAULT 'parent') PARTITION BY RANGE (id);
CREATE TABLE ranged_low PARTITION OF ranged (note DEFAULT 'low', CONSTRAINT low_note CHECK (note <> ''))
  FOR VALUES FROM (MINVALUE) TO (100);
CREATE TABLE other.ranged_high PARTITION OF ranged FOR VALUES FROM (100) TO (MAXVALUE)
  PARTITION BY LIST (at);
CREATE TABLE other.ranged_high_d PARTITION OF other.ranged_high DEFAULT;
CREATE INDEX ranged_at ON ranged (at);
INSERT INTO ranged SELECT g, date '2024-01-01' + g, NULL FROM generate_series(1, 300) g;
ALTER TABLE ranged ALTER COLUMN note SET (n_distinct = 5);

-- foreign data
CREATE FOREIGN DATA WRAPPER fid_fdw OPTIONS (mode 'x');
CREATE SERVER fid_srv FOREIGN DATA WRAPPER fid_fdw OPTIONS (host 'nowhere');
CREATE USER MAPPING FOR fid_reader SERVER fid_srv OPTIONS (user 'u');
GRANT USAGE ON FOREIGN DATA WRAPPER fid_fdw TO fid_owner;
GRANT USAGE ON FOREIGN SERVER fid_srv TO fid_reader;
CREATE FOREIGN TABLE ft (id int OPTIONS (column_name 'rid', other 'x') NOT NULL, v text OPTIONS (column_name 'val'),
  w int DEFAULT 3) SERVER fid_srv OPTIONS (table_name 'remote');
ALTER FOREIGN TABLE ft ALTER COLUMN v SET STATISTICS 20;
GRANT SELECT (v) ON ft TO fid_reader;

-- aggregates
CREATE FUNCTION avg_accum(numeric[], numeric) RETURNS numeric[] LANGUAGE sql IMMUTABLE
  AS 'SELECT ARRAY[$1[1] + $2, $1[2] + 1]';
CREATE FUNCTION avg_final(numeric[]) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1[1] / nullif($1[2], 0)';
CREATE FUNCTION avg_combine(numeric[], numeric[]) RETURNS numeric[] LANGUAGE sql IMMUTABLE
  AS 'SELECT ARRAY[$1[1] + $2[1], $1[2] + $2[2]]';
CREATE FUNCTION avg_inv(numeric[], numeric) RETURNS numeric[] LANGUAGE sql IMMUTABLE
  AS 'SELECT ARRAY[$1[1] - $2, $1[2] - 1]';
CREATE AGGREGATE my_avg(numeric) (SFUNC = avg_accum, STYPE = numeric[], FINALFUNC = avg_final,
  FINALFUNC_MODIFY = READ_ONLY, COMBINEFUNC = avg_combine, INITCOND = '{0,0}', SSPACE = 64,
  MSFUNC = avg_accum, MINVFUNC = avg_inv, MSTYPE = numeric[], MFINALFUNC = avg_final,
  MFINALFUNC_MODIFY = SHAREABLE, MINITCOND = '{0,0}', PARALLEL = SAFE);
CREATE AGGREGATE my_avg8(int8) (SFUNC = int8_avg_accum, STYPE = internal, FINALFUNC = numeric_poly_avg,
  SERIALFUNC = int8_avg_serialize, DESERIALFUNC = int8_avg_deserialize, COMBINEFUNC = int8_avg_combine,
  MSFUNC = int8_avg_accum, MINVFUNC = int8_avg_accum_inv, MSTYPE = internal, MSSPACE = 48,
  MFINALFUNC = numeric_poly_avg, PARALLEL = SAFE);
CREATE AGGREGATE my_pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,
  FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = SHAREABLE);
COMMENT ON AGGREGATE my_avg(numeric) IS 'average';
REVOKE ALL ON FUNCTION my_avg(numeric) FROM PUBLIC;

-- operators, casts, conversions, collations
CREATE OPERATOR <~> (FUNCTION = textne, LEFTARG = text, RIGHTARG = text, COMMUTATOR = <~>);
CREATE FUNCTION pair_text(pair) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1.b';
CREATE CAST (pair AS text) WITH FUNCTION pair_text(pair) AS IMPLICIT;
CREATE CAST (color AS text) WITH INOUT AS ASSIGNMENT;
CREATE DOMAIN mytext AS text;
CREATE TYPE cv AS ENUM ('x');
CREATE FUNCTION cv_int(cv) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';
CREATE CAST (cv AS int) WITH FUNCTION cv_int(cv);
COMMENT ON CAST (color AS text) IS 'enum to text';
CREATE COLLATION fid_icu (provider = icu, locale = 'de-u-co-phonebk');
CREATE COLLATION fid_c FROM "C";
CREATE CONVERSION fid_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;

-- text search
CREATE TEXT SEARCH TEMPLATE tmpl_lex (LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH TEMPLATE tmpl_full (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY dict (TEMPLATE = tmpl_full, STOPWORDS = english, ACCEPT = true);
CREATE TEXT SEARCH CONFIGURATION cfg (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION cfg ADD MAPPING FOR asciiword, word WITH dict, simple;
ALTER TEXT SEARCH CONFIGURATION cfg ADD MAPPING FOR int, uint WITH simple;
CREATE TEXT SEARCH CONFIGURATION cfg_copy (COPY = pg_catalog.english);
COMMENT ON TEXT SEARCH TEMPLATE tmpl_lex IS 'lexize only';

-- views
CREATE VIEW v_local AS SELECT id, c FROM everything WHERE id < 50 WITH LOCAL CHECK OPTION;
CREATE VIEW v_cascaded WITH (check_option = cascaded, security_invoker = true) AS
  SELECT id FROM v_local WHERE id > 3;
CREATE VIEW v_barrier WITH (security_barrier) AS SELECT * FROM everything;
CREATE RECURSIVE VIEW v_rec (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM v_rec WHERE n < 5;
ALTER VIEW v_local ALTER COLUMN c SET DEFAULT 'blue';
GRANT SELECT ON v_local TO fid_reader;
COMMENT ON COLUMN v_local.c IS 'view column';
CREATE MATERIALIZED VIEW mv AS SELECT c, count(*) AS n FROM everything GROUP BY c;
CREATE UNIQUE INDEX mv_c ON mv (c);
CREATE MATERIALIZED VIEW mv_empty WITH (fillfactor = 50) AS SELECT 1 AS one WITH NO DATA;
ALTER MATERIALIZED VIEW mv OWNER TO fid_owner;
GRANT SELECT ON mv TO fid_reader;
ALTER MATERIALIZED VIEW mv DEPENDS ON EXTENSION hstore;

-- row-level security, rules, triggers
ALTER TABLE refs ENABLE ROW LEVEL SECURITY;
CREATE POLICY p_public ON refs FOR SELECT TO PUBLIC USING (id > 0);
CREATE POLICY p_all ON refs USING (true);
CREATE POLICY p_roles ON refs AS RESTRICTIVE FOR UPDATE TO fid_reader, "Fid Writer", CURRENT_USER
  USING (u IS NULL) WITH CHECK (u > 0);
CREATE POLICY p_insert ON refs FOR INSERT WITH CHECK (id < 100);
CREATE RULE r_notify AS ON UPDATE TO inh_parent DO ALSO NOTIFY inh;
CREATE RULE r_where AS ON DELETE TO inh_parent WHERE old.a > 5 DO INSTEAD NOTHING;
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t_stmt AFTER INSERT ON everything REFERENCING NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION trg();
CREATE TRIGGER t_cols BEFORE UPDATE OF txt, wide ON everything FOR EACH ROW
  WHEN (old.txt IS DISTINCT FROM new.txt) EXECUTE FUNCTION trg();
CREATE TRIGGER t_part AFTER INSERT ON ranged FOR EACH ROW EXECUTE FUNCTION trg();
ALTER TABLE everything ENABLE REPLICA TRIGGER t_cols;
ALTER TRIGGER t_stmt ON everything DEPENDS ON EXTENSION hstore;
CREATE FUNCTION trg_evt() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
CREATE EVENT TRIGGER fid_evt ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'CREATE VIEW')
  EXECUTE FUNCTION trg_evt();
ALTER EVENT TRIGGER fid_evt ENABLE REPLICA;

-- languages: handler in pg_catalog (pg_dump writes the short form), handler of our own
CREATE LANGUAGE fid_pl HANDLER plpgsql_call_handler;
CREATE FUNCTION fid_handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C;
CREATE FUNCTION fid_inline(internal) RETURNS void AS '$libdir/plpgsql', 'plpgsql_inline_handler' LANGUAGE C;
CREATE FUNCTION fid_validator(oid) RETURNS void AS '$libdir/plpgsql', 'plpgsql_validator' LANGUAGE C;
CREATE TRUSTED LANGUAGE fid_pl2 HANDLER fid_handler INLINE fid_inline VALIDATOR fid_validator;
COMMENT ON LANGUAGE fid_pl2 IS 'a second plpgsql';
REVOKE USAGE ON LANGUAGE fid_pl2 FROM PUBLIC;
ALTER LANGUAGE fid_pl2 OWNER TO fid_owner;
-- a transform (internal functions stand in for C code)
CREATE FUNCTION pair_from_sql(internal) RETURNS internal AS 'int4recv' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION pair_to_sql(internal) RETURNS pair AS 'int4recv' LANGUAGE internal IMMUTABLE STRICT;
CREATE TRANSFORM FOR pair LANGUAGE fid_pl2 (FROM SQL WITH FUNCTION pair_from_sql(internal),
  TO SQL WITH FUNCTION pair_to_sql(internal));
COMMENT ON TRANSFORM FOR pair LANGUAGE fid_pl2 IS 'a transform';

-- large objects with comments and privileges
SELECT lo_from_bytea(81001, 'first large object'::bytea);
SELECT lo_from_bytea(81002, decode(repeat('00ff', 5000), 'hex'));
SELECT lo_create(81003);
COMMENT ON LARGE OBJECT 81001 IS 'the first';
GRANT SELECT, UPDATE ON LARGE OBJECT 81001 TO fid_reader;
ALTER LARGE OBJECT 81002 OWNER TO fid_owner;
GRANT SELECT ON LARGE OBJECT 81002 TO "Fid Writer";

-- default privileges, publications
ALTER DEFAULT PRIVILEGES FOR ROLE fid_owner IN SCHEMA fid GRANT SELECT ON TABLES TO fid_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE fid_owner REVOKE ALL ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO fid_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA other GRANT ALL ON SEQUENCES TO "Fid Writer";
CREATE PUBLICATION fid_pub FOR TABLE everything (id, c, txt) WHERE (id > 5), ident
  WITH (publish = 'insert, delete', publish_via_partition_root = true);
CREATE PUBLICATION fid_pub_schema FOR TABLES IN SCHEMA other, TABLE owns;
ALTER PUBLICATION fid_pub OWNER TO fid_owner;

-- objects in other schemas, for the selection options
CREATE TABLE other.o1 (id int PRIMARY KEY, ref int REFERENCES fid.everything);
INSERT INTO other.o1 SELECT g, g FROM generate_series(1, 20) g;
CREATE SEQUENCE other.o_seq;
SELECT setval('other.o_seq', 5);
CREATE VIEW other.o_view AS SELECT id FROM other.o1;
CREATE STATISTICS other.o_stats ON id, ref FROM other.o1;
CREATE TABLE public.pub_t (x int, y text);
INSERT INTO public.pub_t VALUES (1, 'a'), (2, NULL);
COMMENT ON TABLE public.pub_t IS 'in public';

-- the sort holds what pg_dump does not dump too: with -n fid, other.uses_row (taking fid.zz_row's
-- row type) pulls fid.zz_row up among the functions
CREATE TABLE fid.zz_row (a int);
CREATE FUNCTION other.uses_row(fid.zz_row) RETURNS int LANGUAGE sql AS 'SELECT 1';
-- a partition's primary key attached to an index of its parent made afterwards: the partition's
-- index sorts as an index, so the parent's stays among the indexes
CREATE TABLE fid.pk_parted (a int) PARTITION BY LIST (a);
CREATE TABLE fid.pk_parted_1 PARTITION OF fid.pk_parted FOR VALUES IN (1);
ALTER TABLE fid.pk_parted_1 ADD PRIMARY KEY (a);
CREATE UNIQUE INDEX ON fid.pk_parted (a);
-- a view needing its table's primary key is split (stand-in, then its query as a rule): the
-- stand-in needs nothing of the query's, the table keeps its place in the name order
CREATE TABLE fid.zz_keyed (k int PRIMARY KEY, d text);
CREATE VIEW fid.a_keyed_view AS SELECT * FROM fid.zz_keyed GROUP BY k;

RESET search_path;
