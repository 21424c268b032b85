/*
 * Writing an archive's statistics file (statistics_format.h) in the dump's
 * leader: the relations come from one catalog query read through a cursor,
 * a batch at a time, under the dump's snapshot; each relation's
 * pg_statistic rows are scanned under the same snapshot (pg_statistic is
 * readable by superusers only, so not through SQL: the query has already
 * kept only what the caller may ANALYZE) and written at once, in a memory
 * context reset per relation.
 */
#include "statistics_dump.h"

#include "../pure/statistics_format.h"
#include "data_file.h"
#include "archive_dir.h"

extern "C" {
#include "access/genam.h"
#include "catalog/indexing.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_statistic.h"
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/regproc.h"
}

namespace {

/*
 * The dumped tables, materialized views and partitioned tables whose data
 * is dumped and that the caller may ANALYZE (PostgreSQL 15's
 * vacuum_is_relation_owner: the owner, or the database's owner for a
 * relation that is not shared; superusers pass both), and their
 * expression indexes, whose expressions ANALYZE gives statistics too.
 * $1..$6 are the selection (catalog_reader.h).
 */
const char kRelationsQuery[] = R"SQL(
WITH rel AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpages, c.reltuples, c.relallvisible
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm')
      AND pd_dumped_relation(c.oid, c.relkind, c.relnamespace, n.nspname, $1, $2, $4)
      AND NOT EXISTS (SELECT FROM pd_member_objects('pg_class') m WHERE m.objid = c.oid)
      AND c.oid <> ALL (coalesce($5, '{}'))
      AND (pg_has_role(c.relowner, 'USAGE')
           OR (NOT c.relisshared
               AND pg_has_role((SELECT d.datdba FROM pg_database d WHERE d.datname = current_database()), 'USAGE')))),
rels AS (
    SELECT oid, nspname, relname, relkind, relpages, reltuples, relallvisible FROM rel
    UNION ALL
    SELECT i.oid, r.nspname, i.relname, 'i', i.relpages, i.reltuples, i.relallvisible
    FROM rel r JOIN pg_index x ON x.indrelid = r.oid AND x.indexprs IS NOT NULL
    JOIN pg_class i ON i.oid = x.indexrelid)
SELECT r.oid AS relid, r.nspname::text AS schema, r.relname::text AS name, r.relkind::text AS relkind,
       r.relpages::text AS relpages, r.reltuples::text AS reltuples, r.relallvisible::text AS relallvisible,
       cols.attnums, cols.attnames, cols.atttypes
FROM rels r
CROSS JOIN LATERAL (
    SELECT array_agg(a.attnum ORDER BY a.attnum) AS attnums,
           array_agg(a.attname::text ORDER BY a.attnum) AS attnames,
           array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) AS atttypes
    FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped) cols
ORDER BY r.oid
)SQL";

/* The selection parameters' types, as catalog_reader.cpp passes them. */
const Oid kSelectionTypes[PD_SELECTION_PARAMS] = {OIDARRAYOID, OIDARRAYOID, BOOLOID,
                                                  OIDARRAYOID, OIDARRAYOID, BOOLOID};
const long kBatchRows = 100;

struct Writer {
    PdDataFile file;
    int nfields; /* in the current line */
    int64 relations;
    int64 columns;
};

void put_field(Writer *w, const char *value) {
    if (w->nfields++ > 0)
        pd_data_file_put(&w->file, "\t", 1);
    if (value == NULL)
        pd_data_file_put(&w->file, "\\N", 2);
    else
        pd_data_file_put_escaped(&w->file, value, strlen(value));
}

void end_line(Writer *w) {
    pd_data_file_put(&w->file, "\n", 1);
    pd_data_file_row_end(&w->file);
    w->nfields = 0;
}

/* A relation's columns: attnum, name and format_type, from the query's arrays. */
typedef struct Columns {
    int n;
    Datum *attnums;
    Datum *names;
    Datum *types;
} Columns;

void deconstruct(HeapTuple row, TupleDesc desc, int col, Oid elemtype, int16 len, bool byval, char align, Datum **out,
                 int *n) {
    bool isnull;
    Datum d = SPI_getbinval(row, desc, col, &isnull);
    *out = NULL;
    *n = 0;
    if (isnull)
        return;
    bool *nulls;
    deconstruct_array(DatumGetArrayTypeP(d), elemtype, len, byval, align, out, &nulls, n);
}

void read_columns(HeapTuple row, TupleDesc desc, Columns *c) {
    int n1, n2, n3;
    deconstruct(row, desc, 8, INT2OID, 2, true, TYPALIGN_SHORT, &c->attnums, &n1);
    deconstruct(row, desc, 9, TEXTOID, -1, false, TYPALIGN_INT, &c->names, &n2);
    deconstruct(row, desc, 10, TEXTOID, -1, false, TYPALIGN_INT, &c->types, &n3);
    if (n1 != n2 || n2 != n3)
        elog(ERROR, "parallel_dump statistics query returned columns of different lengths");
    c->n = n1;
}

int column_index(const Columns *c, int16 attnum) {
    for (int i = 0; i < c->n; i++)
        if (DatumGetInt16(c->attnums[i]) == attnum)
            return i;
    return -1;
}

char *collation_name(Oid coll) {
    if (!OidIsValid(coll))
        return NULL;
    HeapTuple tup = SearchSysCache1(COLLOID, ObjectIdGetDatum(coll));
    if (!HeapTupleIsValid(tup))
        elog(ERROR, "cache lookup failed for collation %u", coll);
    Form_pg_collation form = (Form_pg_collation) GETSTRUCT(tup);
    char *name = quote_qualified_identifier(get_namespace_name(form->collnamespace), NameStr(form->collname));
    ReleaseSysCache(tup);
    return name;
}

char *float4_text(float4 v) { return DatumGetCString(DirectFunctionCall1(float4out, Float4GetDatum(v))); }

/* One pg_statistic row as a C line; false if its column is not one the query listed. */
bool write_column(Writer *w, HeapTuple tup, TupleDesc sd_desc, const Columns *cols) {
    Form_pg_statistic s = (Form_pg_statistic) GETSTRUCT(tup);
    int i = column_index(cols, s->staattnum);
    if (i < 0)
        return false;
    put_field(w, "C");
    put_field(w, TextDatumGetCString(cols->names[i]));
    put_field(w, TextDatumGetCString(cols->types[i]));
    put_field(w, s->stainherit ? "t" : "f");
    put_field(w, float4_text(s->stanullfrac));
    put_field(w, psprintf("%d", s->stawidth));
    put_field(w, float4_text(s->stadistinct));
    for (int k = 0; k < pd::kStatsSlots; k++) {
        int16 kind = (&s->stakind1)[k];
        Oid op = (&s->staop1)[k];
        Oid coll = (&s->stacoll1)[k];
        bool nnull, vnull;
        Datum numbers = heap_getattr(tup, Anum_pg_statistic_stanumbers1 + k, sd_desc, &nnull);
        Datum values = heap_getattr(tup, Anum_pg_statistic_stavalues1 + k, sd_desc, &vnull);
        put_field(w, psprintf("%d", kind));
        if (kind == 0) {
            for (int j = 1; j < pd::kStatsSlotFields; j++)
                put_field(w, NULL);
            continue;
        }
        put_field(w, OidIsValid(op) ? format_operator(op) : NULL);
        put_field(w, collation_name(coll));
        put_field(w, nnull ? NULL : OidOutputFunctionCall(F_ARRAY_OUT, numbers));
        put_field(w, vnull ? NULL : format_type_be_qualified(ARR_ELEMTYPE(DatumGetArrayTypeP(values))));
        put_field(w, vnull ? NULL : OidOutputFunctionCall(F_ARRAY_OUT, values));
    }
    end_line(w);
    return true;
}

/* The R line of one row of the query, then a C line per pg_statistic row under the snapshot. */
void write_relation(Writer *w, HeapTuple row, TupleDesc desc, Relation sd, Snapshot snapshot) {
    bool isnull;
    Oid relid = DatumGetObjectId(SPI_getbinval(row, desc, 1, &isnull));
    put_field(w, "R");
    for (int col = 2; col <= 7; col++)
        put_field(w, SPI_getvalue(row, desc, col));
    end_line(w);
    w->relations++;
    Columns cols;
    read_columns(row, desc, &cols);
    ScanKeyData key;
    ScanKeyInit(&key, Anum_pg_statistic_starelid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
    SysScanDesc scan = systable_beginscan(sd, StatisticRelidAttnumInhIndexId, true, snapshot, 1, &key);
    HeapTuple tup;
    while (HeapTupleIsValid(tup = systable_getnext(scan)))
        if (write_column(w, tup, RelationGetDescr(sd), &cols))
            w->columns++;
    systable_endscan(scan);
}

void write_records(Writer *w, const PdSelection *sel, Snapshot snapshot) {
    char nulls[PD_SELECTION_PARAMS];
    for (int i = 0; i < PD_SELECTION_PARAMS; i++)
        nulls[i] = sel->isnull[i] ? 'n' : ' ';
    Portal portal = SPI_cursor_open_with_args(NULL, kRelationsQuery, PD_SELECTION_PARAMS, (Oid *) kSelectionTypes,
                                              (Datum *) sel->values, nulls, true, CURSOR_OPT_NO_SCROLL);
    MemoryContext outer = CurrentMemoryContext;
    MemoryContext relcxt = AllocSetContextCreate(outer, "pd_dump statistics relation", ALLOCSET_DEFAULT_SIZES);
    Relation sd = table_open(StatisticRelationId, AccessShareLock);
    for (;;) {
        SPI_cursor_fetch(portal, true, kBatchRows);
        SPITupleTable *batch = SPI_tuptable;
        uint64 n = SPI_processed;
        for (uint64 r = 0; r < n; r++) {
            CHECK_FOR_INTERRUPTS();
            MemoryContextSwitchTo(relcxt);
            write_relation(w, batch->vals[r], batch->tupdesc, sd, snapshot);
            MemoryContextSwitchTo(outer);
            MemoryContextReset(relcxt);
        }
        SPI_freetuptable(batch);
        if (n == 0)
            break;
        /* formatting types and operators fills the caches: empty them between batches */
        InvalidateSystemCaches();
    }
    table_close(sd, AccessShareLock);
    SPI_cursor_close(portal);
    MemoryContextDelete(relcxt);
}

char *statistics_path(const char *dir, int compression) {
    return psprintf("%s/%s%s", dir, pd::kStatsFileName, compression == 0 ? "" : ".gz");
}

} // namespace

void pd_dump_statistics(const char *dir, int compression, const PdSelection *sel, Snapshot snapshot,
                        volatile bool *created) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Writer *w = (Writer *) palloc0(sizeof(Writer));
    pd_data_file_open(&w->file, statistics_path(dir, compression), compression, created);
    put_field(w, "PDSTATS");
    put_field(w, psprintf("%d", pd::kStatsVersion));
    put_field(w, GetDatabaseEncodingName());
    end_line(w);
    write_records(w, sel, snapshot);
    put_field(w, "END");
    put_field(w, psprintf(INT64_FORMAT, w->relations));
    put_field(w, psprintf(INT64_FORMAT, w->columns));
    end_line(w);
    pd_data_file_finish(&w->file);
    ereport(DEBUG1, (errmsg_internal("pd_dump statistics: " INT64_FORMAT " relations, " INT64_FORMAT " columns",
                                     w->relations, w->columns)));
    SPI_finish();
}

void pd_remove_statistics_file(const char *dir, int compression) {
    char name[64];
    snprintf(name, sizeof name, "%s%s", pd::kStatsFileName, compression == 0 ? "" : ".gz");
    pd_remove_archive_file(dir, name);
}
