-- An application schema in the public schema, the way frameworks write them:
-- keyword-named tables, self references, deferred FKs, functions that read
-- tables, views on views, and values at the edges of every type's range.
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE "user" (
  id bigserial PRIMARY KEY,
  username varchar(150) NOT NULL UNIQUE,
  "group" text,
  "order" int,
  manager_id bigint REFERENCES "user" (id) ON DELETE SET NULL,
  is_active boolean NOT NULL DEFAULT true,
  date_joined timestamp with time zone NOT NULL DEFAULT '2020-01-01 00:00:00+00',
  attrs hstore
);
CREATE INDEX user_manager_id_idx ON "user" (manager_id);
CREATE INDEX user_username_like ON "user" (username varchar_pattern_ops);
CREATE TABLE content_type (id serial PRIMARY KEY, app_label varchar(100), model varchar(100),
  CONSTRAINT ct_unique UNIQUE (app_label, model));
CREATE TABLE permission (id serial PRIMARY KEY, name varchar(255),
  content_type_id integer NOT NULL REFERENCES content_type (id) DEFERRABLE INITIALLY DEFERRED,
  codename varchar(100));
CREATE TABLE user_permissions (id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES "user" DEFERRABLE INITIALLY DEFERRED,
  permission_id integer NOT NULL REFERENCES permission DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (user_id, permission_id));
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY, at timestamptz DEFAULT clock_timestamp(),
  who bigint, what text, payload json);
CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.audit_log (who, what, payload) VALUES (NEW.id, TG_OP, row_to_json(NEW));
  RETURN NEW;
END $$;
CREATE TRIGGER user_audit AFTER INSERT OR UPDATE ON "user" FOR EACH ROW EXECUTE FUNCTION log_change();
CREATE FUNCTION active_users() RETURNS SETOF "user" LANGUAGE sql STABLE AS $$ SELECT * FROM "user" WHERE is_active $$;
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM public."user"; END;
CREATE VIEW active AS SELECT id, username FROM active_users();
CREATE VIEW active_count AS SELECT count(*) AS n, user_count() AS total FROM active;
CREATE TABLE settings (key text PRIMARY KEY, value text DEFAULT current_setting('server_version'));

CREATE TABLE edge_values (
  id int PRIMARY KEY,
  f4 real, f8 double precision, n numeric, i2 smallint, i8 bigint,
  d date, ts timestamp, tstz timestamptz, t time, ttz timetz, iv interval,
  m money, x xml, j json, jb jsonb, c cidr, mac macaddr, mac8 macaddr8, b bit(4), vb varbit,
  u uuid, by bytea, tx text, ch "char", nm name, oid_ oid, tsq tsquery, arr int[], arr2 text[][],
  rng int4range, mrng int4multirange, bx box, ln line, cir circle, pg path, poly polygon
);
INSERT INTO edge_values VALUES
 (1, 'NaN', 'Infinity', 'NaN', -32768, -9223372036854775808, '-infinity', 'infinity', '4713-01-01 BC 00:00+00',
  '24:00', '00:00+14', '-178000000 years 1 month -2 days 04:05:06.789', '-92233720368547758.08',
  '<a x="1">t&amp;</a>', '{"a": [1, 2.5e10, null, "\u00e9"]}', '{"k": {"z": [true, false]}}',
  '192.168.0.0/16', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', B'1010', B'',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\x00ff5c0a09', E'all\x01\x02\x7f\b\f\n\r\t\\ bytes and é ü 日本',
  'q', 'name', 4294967295, 'fat & (rat | cat)', '{1,NULL,3}', '{{"a","b"},{NULL,"d,e"}}',
  'empty', '{[1,3), [5,7)}', '((0,0),(1,1))', '{1,2,3}', '<(0,0),1>', '[(0,0),(1,1),(2,0)]', '((0,0),(1,1),(1,0))'),
 (2, '-0', '1e-307', '-1.5e-20', 32767, 9223372036854775807, '5874897-12-31', '294276-12-31 23:59:59.999999',
  '-infinity', '00:00:00.000001', '23:59:59-12', '0', '0', NULL, 'null', '[]', '::1/128', 'ff:ff:ff:ff:ff:ff',
  NULL, B'0000', B'1', NULL, '', '', ' ', '', 0, 'a', '{}', '{}', '(,)', '{}', NULL, NULL, NULL, NULL, NULL),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, E'\\N', NULL, NULL, NULL, NULL, '{NULL}', NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL);
UPDATE edge_values SET pg = '[(0,0),(1,1)]' WHERE id = 1;
INSERT INTO "user" (username, "group", "order", attrs) SELECT 'u' || g, CASE WHEN g % 2 = 0 THEN 'staff' END, g,
  hstore(ARRAY['k' || g, 'v"' || g]) FROM generate_series(1, 500) g;
UPDATE "user" SET manager_id = id - 1 WHERE id > 1;
INSERT INTO content_type (app_label, model) SELECT 'app', 'm' || g FROM generate_series(1, 20) g;
INSERT INTO permission (name, content_type_id, codename) SELECT 'p' || g, 1 + g % 20, 'c' || g FROM generate_series(1, 80) g;
INSERT INTO user_permissions (user_id, permission_id) SELECT 1 + g % 500, 1 + g % 80 FROM generate_series(1, 2000) g
  ON CONFLICT DO NOTHING;
INSERT INTO settings (key) VALUES ('a'), ('b');
