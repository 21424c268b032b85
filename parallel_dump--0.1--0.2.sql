/* parallel_dump--0.1--0.2.sql */
\echo Use "ALTER EXTENSION parallel_dump UPDATE TO '0.2'" to load this file. \quit

-- The fragments that pd_dump's catalog queries (src/catalog/*.sql) share,
-- each defined once.  Every one is written so that the planner inlines it
-- (LANGUAGE sql with a SQL-standard body, one SELECT, not STRICT, no SET
-- clause): a query using them is planned as if the fragment were written in
-- place.  Expressions are scalar functions; a fragment that holds a subquery
-- is a set-returning function, used in FROM (CROSS JOIN LATERAL) or as
-- (SELECT ... FROM fragment(...)).  The bodies are bound at creation, so no
-- search_path changes what they read.

-- A schema the user made: not pg_catalog, pg_toast, temporary schemas or information_schema.
CREATE FUNCTION pd_user_schema(_nspname name) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (_nspname !~ '^pg_' AND _nspname <> 'information_schema');

-- The selection (pg_dump's -n/-N/-t/-T) is passed to every catalog query as
-- $1 oid[] schemas whose objects are dumped (NULL: every schema),
-- $2 oid[] the only relations dumped (NULL: those of the schemas in $1),
-- $3 bool  objects outside schemas too (extensions, casts, ...): no -n, no -t,
-- $4 oid[] relations excluded, $5 oid[] relations whose data is excluded,
-- $6 bool  load data of partitions through their partition root.

-- A schema of $1.
CREATE FUNCTION pd_selected_schema(_nsp oid, _schemas oid[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (_schemas IS NULL OR _nsp = ANY (_schemas));

-- A relation that $1, $2 and $4 select.
CREATE FUNCTION pd_selected_relation(_rel oid, _relnamespace oid, _schemas oid[], _relations oid[], _excluded oid[])
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (CASE WHEN _relations IS NULL THEN (_schemas IS NULL OR _relnamespace = ANY (_schemas))
        ELSE _rel = ANY (_relations) END AND NOT _rel = ANY (_excluded));

-- A relation with a definition of its own (not a sequence, index or composite type).
CREATE FUNCTION pd_plain_relation(_relkind "char") RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN _relkind IN ('r', 'p', 'v', 'm', 'f');

-- A plain relation of a user schema that the selection dumps (with
-- "NOT IN (SELECT objid FROM pd_member_objects('pg_class'))" it is dumped).
CREATE FUNCTION pd_dumped_relation(_rel oid, _relkind "char", _relnamespace oid, _nspname name,
                                   _schemas oid[], _relations oid[], _excluded oid[])
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (pd_plain_relation(_relkind) AND pd_user_schema(_nspname)
        AND pd_selected_relation(_rel, _relnamespace, _schemas, _relations, _excluded));

-- Objects of a catalog that are part of another: extension members (CREATE
-- EXTENSION brings them back) and internal parts (a range type's constructor
-- functions, an array type, ...).  A column's internal dependency on its own
-- table (a partition key) does not count.  Used as an uncorrelated NOT IN:
-- one hashed subplan per query, whatever the planner's estimates.
CREATE FUNCTION pd_member_objects(_catalog regclass) RETURNS TABLE (objid oid)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT d.objid FROM pg_depend d WHERE d.classid = _catalog AND d.objsubid = 0 AND d.deptype IN ('e', 'i');
END;

-- Objects (or columns) of a catalog that belong to an extension.
CREATE FUNCTION pd_extension_members(_catalog regclass) RETURNS TABLE (objid oid)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT d.objid FROM pg_depend d WHERE d.classid = _catalog AND d.deptype = 'e';
END;

-- Operators and support functions (pg_amop, pg_amproc) bound to an operator class.
CREATE FUNCTION pd_opclass_members(_catalog regclass) RETURNS TABLE (objid oid)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT d.objid FROM pg_depend d
    WHERE d.classid = _catalog AND d.refclassid = 'pg_opclass'::regclass AND d.deptype = 'i';
END;

-- What initdb or CREATE EXTENSION gave an object (pg_init_privs).  (No
-- parameter of these functions is an integer: a function's parameter types
-- make it depend on their transforms for its language, and PostgreSQL's own
-- regression tests create one for integer in SQL.)
CREATE FUNCTION pd_init_privs(_catalog regclass, _objoid oid) RETURNS TABLE (initprivs aclitem[])
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT ip.initprivs FROM pg_init_privs ip WHERE ip.classoid = _catalog AND ip.objoid = _objoid AND ip.objsubid = 0;
END;

-- What initdb or CREATE EXTENSION gave a column.
CREATE FUNCTION pd_column_init_privs(_catalog regclass, _objoid oid, _attnum smallint) RETURNS TABLE (initprivs aclitem[])
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT ip.initprivs FROM pg_init_privs ip
    WHERE ip.classoid = _catalog AND ip.objoid = _objoid AND ip.objsubid = _attnum;
END;

-- A collation's qualified name.
CREATE FUNCTION pd_collation_name(_collation oid) RETURNS TABLE (name text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT format('%I.%I', cn.nspname, co.collname)
    FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = _collation;
END;

-- A column's COLLATE clause in CREATE TABLE / TYPE / VIEW: NULL with its type's collation.
CREATE FUNCTION pd_column_collate(_attcollation oid, _typcollation oid) RETURNS TABLE (clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN _attcollation <> _typcollation
                THEN ' COLLATE ' || (SELECT c.name FROM pd_collation_name(_attcollation) c) END;
END;

-- A column's GENERATED clause, unless a parent has the column generated too
-- (the child inherits the expression; partitions repeat it).
CREATE FUNCTION pd_column_generated(_relid oid, _relispartition boolean, _attname name, _attgenerated "char",
                                    _adbin pg_node_tree, _adrelid oid)
RETURNS TABLE (clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN _attgenerated = 's'
                 AND NOT (NOT _relispartition AND EXISTS (SELECT 1 FROM pg_inherits gi JOIN pg_attribute ga
                      ON ga.attrelid = gi.inhparent AND ga.attname = _attname
                      WHERE gi.inhrelid = _relid AND ga.attgenerated <> ''))
                THEN format(' GENERATED ALWAYS AS (%s) STORED', pg_get_expr(_adbin, _adrelid)) END;
END;

-- Whether a column default is written as an ALTER TABLE ... SET DEFAULT of
-- its own (a DEFAULT entry) rather than in its column, as pg_dump decides:
-- on a view, on a column CREATE does not list (an inheritance child's
-- inherited column), or when what the default uses leads back to its table
-- (a sequence the table owns, a function of its row type): a dependency loop.
CREATE FUNCTION pd_default_separate(_adoid oid, _relid oid, _relkind "char", _attislocal boolean,
                                    _relispartition boolean)
RETURNS TABLE (separate boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH RECURSIVE used(classid, objid) AS (
        SELECT d.refclassid, d.refobjid FROM pg_depend d
        WHERE d.classid = 'pg_attrdef'::regclass AND d.objid = _adoid AND d.deptype = 'n'
        UNION
        SELECT d.refclassid, d.refobjid FROM used u JOIN pg_depend d ON d.classid = u.classid AND d.objid = u.objid
        WHERE d.deptype IN ('n', 'a', 'i') AND d.refobjid >= 16384
          AND NOT (u.classid = 'pg_class'::regclass AND u.objid = _relid))
    SELECT _relkind = 'v' OR NOT (_attislocal OR _relispartition)
           OR EXISTS (SELECT 1 FROM used WHERE classid = 'pg_class'::regclass AND objid = _relid);
END;

-- Whether an ancestor of a table (a parent, a parent's parent, ...) has a
-- default on the column: pg_dump then gives the column, when it has none,
-- DEFAULT NULL (its parents' DEFAULT NULL counts as a default).
CREATE FUNCTION pd_ancestor_default(_relid oid, _attname name) RETURNS TABLE (found boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH RECURSIVE anc(relid) AS (
        SELECT inhparent FROM pg_inherits WHERE inhrelid = _relid
        UNION
        SELECT i.inhparent FROM anc JOIN pg_inherits i ON i.inhrelid = anc.relid)
    SELECT EXISTS (SELECT 1 FROM anc JOIN pg_attribute da ON da.attrelid = anc.relid AND da.attname = _attname
                   WHERE da.atthasdef AND da.attgenerated = '');
END;

-- A listed column's DEFAULT clause: its default unless that is written
-- separately, DEFAULT NULL where a parent has a default and it has none.
CREATE FUNCTION pd_column_default(_relid oid, _relkind "char", _relispartition boolean, _attname name,
                                  _atthasdef boolean, _attgenerated "char", _adoid oid, _adbin pg_node_tree)
RETURNS TABLE (clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN _attgenerated <> '' THEN NULL
                WHEN _atthasdef THEN CASE WHEN NOT (SELECT ds.separate FROM pd_default_separate(_adoid, _relid, _relkind,
                                                                                               true, _relispartition) ds)
                                          THEN ' DEFAULT ' || pg_get_expr(_adbin, _relid) END
                WHEN (SELECT ad.found FROM pd_ancestor_default(_relid, _attname) ad) THEN ' DEFAULT NULL' END;
END;

-- The columns a CREATE TABLE or CREATE FOREIGN TABLE lists, with their
-- clauses: an inheritance child its own, a partition all of them (ATTACH
-- needs them).  notnull: NOT NULL is written (as pg_dump: not for a NOT NULL
-- a parent has too, except on a partition).
CREATE FUNCTION pd_table_columns(_relid oid, _relispartition boolean)
RETURNS TABLE (attnum smallint, attname name, type text, collate_clause text, generated_clause text,
               notnull boolean, attfdwoptions text[], default_clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), cc.clause, cg.clause,
           a.attnotnull AND (_relispartition OR NOT EXISTS (SELECT 1 FROM pg_inherits ni JOIN pg_attribute na
               ON na.attrelid = ni.inhparent AND na.attname = a.attname
               WHERE ni.inhrelid = _relid AND na.attnotnull AND NOT na.attisdropped)),
           a.attfdwoptions, cd.clause
    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid JOIN pg_class r ON r.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    CROSS JOIN LATERAL pd_column_collate(a.attcollation, at.typcollation) cc
    CROSS JOIN LATERAL pd_column_generated(_relid, _relispartition, a.attname, a.attgenerated, d.adbin, d.adrelid) cg
    CROSS JOIN LATERAL pd_column_default(_relid, r.relkind, _relispartition, a.attname, a.atthasdef, a.attgenerated,
                                         d.oid, d.adbin) cd
    WHERE a.attrelid = _relid AND a.attnum > 0 AND NOT a.attisdropped AND (a.attislocal OR _relispartition);
END;

-- The column list of a table's COPY (generated columns are not copied) and its length.
CREATE FUNCTION pd_copy_columns(_relid oid) RETURNS TABLE (list text, count bigint)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT '(' || string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) || ') ', count(*)
    FROM pg_attribute a
    WHERE a.attrelid = _relid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';
END;

-- A relation's validated CHECK constraints as lines after its columns (a
-- child repeats only its own), numbered after every column.
CREATE FUNCTION pd_inline_checks(_relid oid, _relispartition boolean) RETURNS TABLE (ord bigint, line text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT 32768 + row_number() OVER (ORDER BY co.conname),
           format('    CONSTRAINT %I %s', co.conname, pg_get_constraintdef(co.oid))
    FROM pg_constraint co
    WHERE co.conrelid = _relid AND co.contype = 'c' AND co.convalidated AND (co.conislocal OR _relispartition);
END;

-- The parents of an inheritance child (not of a partition), NULL when none.
CREATE FUNCTION pd_inherits_list(_relid oid, _relispartition boolean) RETURNS TABLE (parents text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT string_agg(format('%I.%I', pn.nspname, pc.relname), ', ' ORDER BY i.inhseqno)
    FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
    WHERE i.inhrelid = _relid AND NOT _relispartition;
END;

-- Storage parameters as WITH lists them (each name after _prefix), NULL when
-- none; as pg_dump, a value is quoted unless it is an identifier that needs
-- no quotes.
CREATE FUNCTION pd_options_list(_options text[], _prefix text) RETURNS TABLE (list text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT string_agg(format('%s%I=%s', _prefix, option_name,
                             CASE WHEN quote_ident(option_value) = option_value THEN option_value
                                  ELSE quote_literal(option_value) END), ', ')
    FROM pg_options_to_table(_options);
END;

-- Options of a foreign-data object as an OPTIONS (...) clause, one option a
-- line in name order as pg_dump writes them, NULL when none.
CREATE FUNCTION pd_fdw_options(_options text[]) RETURNS TABLE (clause text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT E' OPTIONS (\n    ' || string_agg(format('%I %L', option_name, option_value), E',\n    ' ORDER BY option_name)
           || E'\n)'
    FROM pg_options_to_table(_options);
END;

-- The per-column statements CREATE cannot carry (statistics target,
-- storage, compression, options, as pg_dump orders them, and an inherited column CREATE does not
-- list without its parent's default: CREATE TABLE ... INHERITS would copy
-- it; a listed one has DEFAULT NULL), in column order; _kind
-- is TABLE or FOREIGN TABLE.  NULL when none.  An identity column's ADD
-- GENERATED is its sequence's entry (sequences.sql).
CREATE FUNCTION pd_column_properties(_kind text, _nspname name, _relname name, _relid oid, _relpersistence "char")
RETURNS TABLE (stmts text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT string_agg(v.stmt, '' ORDER BY a.attnum, v.k)
    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid, LATERAL (VALUES
        (2, CASE WHEN a.attstattarget >= 0
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET STATISTICS %s;\n',
                        _kind, _nspname, _relname, a.attname, a.attstattarget) END),
        -- PostgreSQL 15.20 keeps each column's version in attoptions under
        -- the reserved key pg_attver; like pg_dump, never copy it
        -- (the options as stored, unquoted, as pg_dump writes them)
        (6, (SELECT format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET (%s);\n', _kind, _nspname, _relname,
                           a.attname, string_agg(o, ', '))
             FROM unnest(a.attoptions) o WHERE o NOT LIKE 'pg\_attver=%' HAVING count(*) > 0)),
        (4, CASE WHEN a.attstorage <> at.typstorage
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET STORAGE %s;\n', _kind, _nspname, _relname,
                        a.attname, CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL'
                                   WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END) END),
        (5, CASE WHEN a.attcompression <> ''
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET COMPRESSION %s;\n', _kind, _nspname, _relname,
                        a.attname, CASE a.attcompression WHEN 'l' THEN 'lz4' ELSE 'pglz' END) END),
        (7, CASE WHEN NOT a.atthasdef AND a.attgenerated = '' AND NOT a.attislocal AND NOT EXISTS (SELECT 1
                 FROM pg_class pr WHERE pr.oid = _relid AND pr.relispartition)
                 AND (SELECT ad.found FROM pd_ancestor_default(_relid, a.attname) ad)
            THEN format(E'ALTER %s ONLY %I.%I ALTER COLUMN %I SET DEFAULT NULL;\n', _kind, _nspname, _relname,
                        a.attname) END),
        (8, CASE WHEN _kind = 'FOREIGN TABLE' THEN
            (SELECT format(E'ALTER FOREIGN TABLE %I.%I ALTER COLUMN %I%s;\n', _nspname, _relname, a.attname, o.clause)
             FROM pd_fdw_options(a.attfdwoptions) o WHERE o.clause IS NOT NULL) END)
    ) v(k, stmt)
    WHERE a.attrelid = _relid AND a.attnum > 0 AND NOT a.attisdropped AND v.stmt IS NOT NULL;
END;

-- The ALTER statements that follow an index or a constraint's index. NULL when none.
CREATE FUNCTION pd_index_extras(_indisclustered boolean, _indisreplident boolean, _nspname name, _relname name,
                                _indexname name, _indexoid oid)
RETURNS TABLE (stmts text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT string_agg(s, '' ORDER BY k) FROM (VALUES
        (1, CASE WHEN _indisclustered
            THEN format(E'\nALTER TABLE %I.%I CLUSTER ON %I;\n', _nspname, _relname, _indexname) END),
        (2, CASE WHEN _indisreplident
            THEN format(E'\nALTER TABLE ONLY %I.%I REPLICA IDENTITY USING INDEX %I;\n', _nspname, _relname,
                        _indexname) END),
        (3, (SELECT string_agg(format(E'ALTER INDEX %I.%I ALTER COLUMN %s SET STATISTICS %s;\n', _nspname,
                                      _indexname, ia.attnum, ia.attstattarget), '' ORDER BY ia.attnum)
             FROM pg_attribute ia WHERE ia.attrelid = _indexoid AND ia.attstattarget >= 0))
    ) v(k, s);
END;

-- One support function of an aggregate or a base type (FINALFUNC = f, ...), NULL when there is none.
CREATE FUNCTION pd_support_function(_label text, _fn oid) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN _fn <> 0 THEN E',\n    ' || _label || ' = ' || _fn::regproc::text END;

-- An operator of an operator class or family as CREATE/ALTER OPERATOR ... lists it.
CREATE FUNCTION pd_amop_item(_strategy smallint, _opr oid, _purpose "char", _sortfamily oid) RETURNS TABLE (item text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT format('OPERATOR %s %s%s', _strategy, _opr::regoperator,
                  CASE WHEN _purpose = 'o' THEN (SELECT format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname)
                       FROM pg_opfamily sf JOIN pg_namespace sn ON sn.oid = sf.opfnamespace WHERE sf.oid = _sortfamily)
                  ELSE '' END);
END;

-- A support function of an operator class or family as CREATE/ALTER OPERATOR ... lists it.
CREATE FUNCTION pd_amproc_item(_procnum smallint, _lefttype oid, _righttype oid, _proc oid) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN format('FUNCTION %s (%s, %s) %s', _procnum, format_type(_lefttype, NULL), format_type(_righttype, NULL),
              _proc::regprocedure);
