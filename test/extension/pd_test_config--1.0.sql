\echo Use "CREATE EXTENSION pd_test_config" to load this file. \quit
-- rows the extension ships, and rows users add: only the latter are dumped
CREATE TABLE pd_cfg (id int PRIMARY KEY, name text, builtin boolean NOT NULL DEFAULT false);
INSERT INTO pd_cfg VALUES (1, 'shipped', true), (2, 'also shipped', true);
SELECT pg_catalog.pg_extension_config_dump('pd_cfg', 'WHERE NOT builtin');
CREATE TABLE pd_cfg_all (v text);
SELECT pg_catalog.pg_extension_config_dump('pd_cfg_all', '');
CREATE SEQUENCE pd_cfg_seq;
SELECT pg_catalog.pg_extension_config_dump('pd_cfg_seq', '');
