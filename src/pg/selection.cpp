#include "selection.h"

#include "../pure/name_pattern.h"
#include "cxx_guard.h"

extern "C" {
#include "catalog/pg_namespace.h"
#include "utils/array.h"
}

namespace {

typedef struct OidSet {
    Oid *oids;
    int n;
    int cap;
} OidSet;

void oidset_add(OidSet *s, Oid oid) {
    for (int i = 0; i < s->n; i++)
        if (s->oids[i] == oid)
            return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->oids = (Oid *) (s->oids ? repalloc(s->oids, sizeof(Oid) * s->cap)
                                   : MemoryContextAlloc(TopTransactionContext, sizeof(Oid) * s->cap));
    }
    s->oids[s->n++] = oid;
}

bool oidset_has(const OidSet *s, Oid oid) {
    for (int i = 0; i < s->n; i++)
        if (s->oids[i] == oid)
            return true;
    return false;
}

/* Converts one pattern; parts[] receive palloc'd regexes, returns their count. */
int pattern_parts(const char *pattern, int max_parts, char **parts) {
    char buf[3][1024];
    char error[512] = "";
    int n = 0;
    bool too_long = false;
    pd::cxx_call([&] {
        std::vector<std::string> out;
        std::string err;
        if (!pd::name_pattern_to_regex(pattern, (size_t) max_parts, &out, &err)) {
            strlcpy(error, err.c_str(), sizeof error);
            return;
        }
        for (const std::string &p : out) {
            if (p.size() >= sizeof buf[0])
                too_long = true;
            strlcpy(buf[n++], p.c_str(), sizeof buf[0]);
        }
    });
    if (error[0])
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s", error)));
    if (too_long)
        ereport(ERROR, (errcode(ERRCODE_NAME_TOO_LONG), errmsg("pattern is too long: \"%s\"", pattern)));
    for (int i = 0; i < n; i++)
        parts[i] = pstrdup(buf[i]);
    return n;
}

/* Adds to *into the OIDs the query (taking $1, $2 as text) returns; true if any. */
bool collect(const char *sql, int nargs, char **args, OidSet *into) {
    Oid types[2] = {TEXTOID, TEXTOID};
    Datum values[2];
    for (int i = 0; i < nargs; i++)
        values[i] = CStringGetTextDatum(args[i]);
    if (SPI_execute_with_args(sql, nargs, types, values, NULL, true, 0) != SPI_OK_SELECT)
        elog(ERROR, "could not match a pattern");
    for (uint64 r = 0; r < SPI_processed; r++) {
        bool isnull;
        oidset_add(into, DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull)));
    }
    return SPI_processed > 0;
}

void check_database_part(const char *pattern, char *db_regex) {
    Oid types[1] = {TEXTOID};
    Datum values[1] = {CStringGetTextDatum(db_regex)};
    if (SPI_execute_with_args("SELECT current_database() ~ $1", 1, types, values, NULL, true, 0) != SPI_OK_SELECT)
        elog(ERROR, "could not match a pattern");
    bool isnull;
    if (!DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)))
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("cross-database references are not implemented: %s", pattern)));
}

bool match_schemas(const char *pattern, OidSet *into) {
    char *parts[3];
    int n = pattern_parts(pattern, 2, parts);
    if (n == 2)
        check_database_part(pattern, parts[0]);
    return collect("SELECT oid FROM pg_catalog.pg_namespace WHERE nspname OPERATOR(pg_catalog.~) $1", 1,
                   &parts[n - 1], into);
}

/* Relations pg_dump's -t can name: tables, views, sequences, matviews, foreign and partitioned tables */
bool match_tables(const char *pattern, OidSet *into) {
    char *parts[3];
    int n = pattern_parts(pattern, 3, parts);
    if (n == 3)
        check_database_part(pattern, parts[0]);
    if (n == 1)
        return collect("SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'S', 'v', 'm', 'f', 'p')"
                       " AND c.relname OPERATOR(pg_catalog.~) $1 AND pg_catalog.pg_table_is_visible(c.oid)",
                       1, parts, into);
    return collect("SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                   " WHERE c.relkind IN ('r', 'S', 'v', 'm', 'f', 'p') AND n.nspname OPERATOR(pg_catalog.~) $1"
                   " AND c.relname OPERATOR(pg_catalog.~) $2",
                   2, &parts[n - 2], into);
}

typedef bool (*Matcher)(const char *pattern, OidSet *into);

/* Matches every pattern of a text[]; returns false when none was given. */
bool match_all(ArrayType *patterns, Matcher match, bool strict, const char *what, OidSet *into) {
    if (patterns == NULL)
        return false;
    Datum *elems;
    bool *nulls;
    int n;
    deconstruct_array(patterns, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
    for (int i = 0; i < n; i++) {
        if (nulls[i])
            ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                            errmsg("a pattern of %s must not be null", what)));
        char *pattern = TextDatumGetCString(elems[i]);
        if (!match(pattern, into) && strict)
            ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                            errmsg("no matching %s were found for pattern \"%s\"", what, pattern)));
    }
    return true;
}

Datum oid_array(const OidSet *s) {
    Datum *d = (Datum *) palloc(sizeof(Datum) * (s->n + 1));
    for (int i = 0; i < s->n; i++)
        d[i] = ObjectIdGetDatum(s->oids[i]);
    return PointerGetDatum(construct_array(d, s->n, OIDOID, sizeof(Oid), true, TYPALIGN_INT));
}

} // namespace

void pd_resolve_selection(const PdDumpOptions *o, PdSelection *sel) {
    OidSet schemas = {}, excluded_schemas = {}, tables = {}, excluded_tables = {}, no_data = {};
    MemoryContext outer = CurrentMemoryContext;
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    bool have_schemas = match_all(o->schemas, match_schemas, o->strict_names, "schemas", &schemas);
    match_all(o->exclude_schemas, match_schemas, false, "schemas", &excluded_schemas);
    bool have_tables = match_all(o->tables, match_tables, o->strict_names, "tables", &tables);
    match_all(o->exclude_tables, match_tables, false, "tables", &excluded_tables);
    match_all(o->exclude_table_data, match_tables, false, "tables", &no_data);
    if (have_schemas && schemas.n == 0)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("no matching schemas were found")));
    if (have_tables && tables.n == 0)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("no matching tables were found")));

    OidSet selected = {};
    if (have_tables) {
        /* with -t, pg_dump dumps only the tables: no schema holds anything else */
    } else if (have_schemas) {
        for (int i = 0; i < schemas.n; i++)
            if (!oidset_has(&excluded_schemas, schemas.oids[i]))
                oidset_add(&selected, schemas.oids[i]);
    } else if (excluded_schemas.n > 0) {
        if (SPI_execute("SELECT oid FROM pg_catalog.pg_namespace", true, 0) != SPI_OK_SELECT)
            elog(ERROR, "could not list schemas");
        for (uint64 r = 0; r < SPI_processed; r++) {
            bool isnull;
            Oid nsp = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull));
            if (!oidset_has(&excluded_schemas, nsp))
                oidset_add(&selected, nsp);
        }
    }
    SPI_finish();

    MemoryContext old = MemoryContextSwitchTo(outer);
    bool all_schemas = !have_tables && !have_schemas && excluded_schemas.n == 0;
    sel->isnull[0] = all_schemas;
    sel->values[0] = all_schemas ? (Datum) 0 : oid_array(&selected);
    sel->isnull[1] = !have_tables;
    sel->values[1] = have_tables ? oid_array(&tables) : (Datum) 0;
    sel->isnull[2] = false;
    sel->values[2] = BoolGetDatum(!have_schemas && !have_tables);
    sel->isnull[3] = false;
    sel->values[3] = oid_array(&excluded_tables);
    sel->isnull[4] = false;
    sel->values[4] = oid_array(&no_data);
    sel->isnull[5] = false;
    sel->values[5] = BoolGetDatum(o->load_via_partition_root);
    MemoryContextSwitchTo(old);
}
