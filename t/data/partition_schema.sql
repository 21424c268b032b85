-- Partitioned tables (range, list, hash, default, sub-partitions, dropped
-- columns, partitioned indexes and keys, FKs to and from partitioned tables)
-- and classic table inheritance (single and multiple).
CREATE SCHEMA part;
CREATE TABLE part.events (
  id bigint NOT NULL,
  at timestamptz NOT NULL,
  kind text DEFAULT 'click' CHECK (kind <> ''),
  payload jsonb,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE part.events_2024 PARTITION OF part.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE part.events_2025 PARTITION OF part.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
  PARTITION BY RANGE (id);
CREATE TABLE part.events_2025_low PARTITION OF part.events_2025 FOR VALUES FROM (MINVALUE) TO (3000);
CREATE TABLE part.events_2025_other PARTITION OF part.events_2025 DEFAULT;
CREATE TABLE part.events_old (id bigint NOT NULL, dropped int, at timestamptz NOT NULL, kind text DEFAULT 'old',
  payload jsonb, CONSTRAINT events_kind_check CHECK (kind <> ''));
ALTER TABLE part.events_old DROP COLUMN dropped;
ALTER TABLE part.events_old ADD PRIMARY KEY (id, at);
ALTER TABLE part.events ATTACH PARTITION part.events_old FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE INDEX events_kind_idx ON part.events (kind);
CREATE INDEX events_payload_idx ON part.events USING gin (payload);
CREATE TABLE part.h (k int PRIMARY KEY, v text) PARTITION BY HASH (k);
CREATE TABLE part.h0 PARTITION OF part.h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE part.h1 PARTITION OF part.h FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE part.ref (id serial PRIMARY KEY, hk int REFERENCES part.h (k));
CREATE TABLE part.sales (id int, region text, amount numeric,
  CONSTRAINT sales_region_fk FOREIGN KEY (id) REFERENCES part.ref (id)) PARTITION BY LIST (region);
CREATE TABLE part.sales_eu PARTITION OF part.sales FOR VALUES IN ('eu', 'uk');
CREATE TABLE part.sales_us PARTITION OF part.sales FOR VALUES IN ('us');
CREATE FUNCTION part.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER sales_stamp BEFORE INSERT ON part.sales FOR EACH ROW EXECUTE FUNCTION part.stamp();
COMMENT ON TABLE part.events IS 'all events';
COMMENT ON TABLE part.events_2024 IS 'one year';

CREATE TABLE part.animal (id serial PRIMARY KEY, name text NOT NULL, legs int DEFAULT 4 CHECK (legs >= 0));
CREATE TABLE part.pet (owner text) INHERITS (part.animal);
CREATE TABLE part.tagged (tag text NOT NULL);
CREATE TABLE part.tagged_pet (name text NOT NULL, extra int CHECK (extra > 0)) INHERITS (part.pet, part.tagged);
ALTER TABLE part.pet ALTER COLUMN legs SET DEFAULT 2;

INSERT INTO part.events SELECT g, '2023-06-01'::timestamptz + g * interval '3 hours',
  (ARRAY['click', 'view', 'buy'])[1 + g % 3], jsonb_build_object('g', g) FROM generate_series(1, 4000) g;
INSERT INTO part.h SELECT g, 'v' || g FROM generate_series(1, 1000) g;
INSERT INTO part.ref (hk) SELECT g FROM generate_series(1, 100) g;
INSERT INTO part.sales SELECT 1 + g % 100, (ARRAY['eu', 'uk', 'us'])[1 + g % 3], g FROM generate_series(1, 900) g;
INSERT INTO part.animal (name) VALUES ('generic');
INSERT INTO part.pet (name, owner) VALUES ('rex', 'ann'), ('tom', 'bob');
INSERT INTO part.tagged_pet (name, owner, tag, extra) VALUES ('kit', 'cy', 'cute', 1);
INSERT INTO part.tagged VALUES ('lonely');
