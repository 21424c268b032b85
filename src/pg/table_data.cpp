#include "table_data.h"

extern "C" {
#include "access/heapam.h"
#include "utils/fmgroids.h"
}

#include "../pure/copy_text.h"
#include "data_file.h"
#include "fast_output.h"
#include "memory_report.h"
#include "progress.h"
#include "row_buffer.h"
#include "table_check.h"

namespace {

/* How a column's values become COPY text. */
typedef struct ColumnOut {
    int attno;       /* index in the tuple descriptor */
    bool plain_text; /* text, varchar, bpchar: the output function only copies the bytes */
    PdFastKind fast; /* written straight from the Datum when it can be (fast_output.h) */
    FmgrInfo out;
} ColumnOut;

/*
 * Output functions whose result is the value's bytes unchanged: the value
 * is escaped straight from the (detoasted) datum, so a 600 MB text value
 * is not copied once more into a C string.
 */
bool copies_bytes(Oid func) { return func == F_TEXTOUT || func == F_VARCHAROUT || func == F_BPCHAROUT; }

/* A separator, in place: appendBinaryStringInfo once per column was 2% of the orders table's CPU. */
inline void put_byte(PdDataFile *f, char c) {
    *pd_row_reserve(&f->buf, 1) = c;
    pd_row_advance(&f->buf, 1);
}

void put_value(PdDataFile *f, const ColumnOut *col, Datum value) {
    if (col->fast != PD_FAST_NONE && pd_fast_output_append(&f->buf, col->fast, value)) {
        pd_data_file_value_written(f);
        return;
    }
    /* (the fast writers leave values stored out of line to this streaming path) */
    if (col->plain_text) {
        struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(value));
        pd_data_file_put_escaped(f, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
        if ((Pointer) v != DatumGetPointer(value))
            pfree(v);
        return;
    }
    char *s = OutputFunctionCall((FmgrInfo *) &col->out, value);
    pd_data_file_put_escaped(f, s, strlen(s));
    pfree(s);
}

/* The columns COPY writes (not dropped or generated ones), in the caller's context. */
ColumnOut *columns_of(Relation rel, int expected_ncols, int *ncols_out) {
    TupleDesc desc = RelationGetDescr(rel);
    ColumnOut *cols = (ColumnOut *) palloc0(sizeof(ColumnOut) * (desc->natts + 1));
    int ncols = 0;
    for (int i = 0; i < desc->natts; i++) {
        Form_pg_attribute att = TupleDescAttr(desc, i);
        if (att->attisdropped || att->attgenerated)
            continue; /* COPY leaves out dropped and generated columns */
        Oid func;
        bool varlena;
        getTypeOutputInfo(att->atttypid, &func, &varlena);
        fmgr_info(func, &cols[ncols].out);
        cols[ncols].plain_text = copies_bytes(func);
        cols[ncols].fast = pd_fast_output_kind(att);
        cols[ncols++].attno = i;
    }
    if (ncols != expected_ncols)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("table \"%s\" changed while the dump ran", RelationGetRelationName(rel)),
                        errdetail("The catalog listed %d columns, the table now has %d.", expected_ncols,
                                  ncols)));
    *ncols_out = ncols;
    return cols;
}

void report_dropped(const char *label) {
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE), errmsg("table %s was dropped while the dump ran", label),
                    errhint(PD_CHANGED_TABLE_HINT)));
}

} // namespace

Relation pd_open_table_as_in_snapshot(Oid relid, const char *label, Snapshot snapshot) {
    Relation rel = try_table_open(relid, NoLock);
    if (rel == NULL)
        report_dropped(label);
    pd_check_table_as_in_snapshot(rel, snapshot, label);
    pd_read_uncounted(rel);
    return rel;
}

/*
 * Limits a heap scan not yet begun to the blocks of range, clamped to the
 * blocks the scan found when it began (under the table's lock, so VACUUM
 * cannot truncate the table meanwhile; blocks added later hold no row the
 * snapshot sees).  False when no block is left.
 */
bool pd_limit_scan(Relation rel, TableScanDesc scan, const PdBlockRange *range, const char *label) {
    if (rel->rd_tableam != GetHeapamTableAmRoutine())
        elog(ERROR, "table %s is not a heap table and cannot be read in block ranges", label);
    BlockNumber nblocks = ((HeapScanDesc) scan)->rs_nblocks;
    BlockNumber end = range->end == InvalidBlockNumber ? nblocks : Min(range->end, nblocks);
    if (range->start >= end)
        return false;
    heap_setscanlimits(scan, range->start, end - range->start);
    return true;
}

char *pd_data_file_path(const char *directory, int dump_id, int compression) {
    return psprintf("%s/%d.dat%s", directory, dump_id, compression == 0 ? "" : ".gz");
}

void pd_check_table_readable(Oid relid, const char *label) {
    if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)))
        report_dropped(label);
    if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
        aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, get_rel_name(relid));
    /* with row_security = off this raises pg_dump's error for RLS-protected tables */
    (void) check_enable_rls(relid, InvalidOid, false);
}

uint64 pd_write_table_data(Oid relid, const char *label, int expected_ncols, const char *path, int compression,
                           Snapshot snapshot, uint64 *file_bytes, volatile bool *created) {
    return pd_write_table_range(relid, label, expected_ncols, path, compression, snapshot, NULL, file_bytes,
                                created);
}

uint64 pd_write_table_range(Oid relid, const char *label, int expected_ncols, const char *path, int compression,
                            Snapshot snapshot, const PdBlockRange *range, uint64 *file_bytes,
                            volatile bool *created) {
    PdDataFile f;
    pd_data_file_open(&f, path, compression, created);
    f.piece = range != NULL;
    uint64 rows = pd_table_rows_to(&f, relid, label, expected_ncols, snapshot, range);
    /* the "\." trailer only in the piece that goes to the end */
    if (range == NULL || range->end == InvalidBlockNumber)
        pd_data_file_put(&f, pd::kCopyDataTrailer, sizeof(pd::kCopyDataTrailer) - 1);
    pd_data_file_finish(&f);
    *file_bytes = f.bytes;
    return rows;
}

uint64 pd_table_rows_to(PdDataFile *out, Oid relid, const char *label, int expected_ncols, Snapshot snapshot,
                        const PdBlockRange *range) {
    Relation rel = pd_open_table_as_in_snapshot(relid, label, snapshot);
    pd_progress_work_begin(label);
    int ncols;
    ColumnOut *cols = columns_of(rel, expected_ncols, &ncols);
    PdDataFile &f = *out;
    MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_dump row", ALLOCSET_DEFAULT_SIZES);
    TupleTableSlot *slot = table_slot_create(rel, NULL);
    /*
     * Physical order, as pg_dump's COPY: a synchronized scan would begin
     * where another session's scan of a large table is, and rotate the rows.
     */
    TableScanDesc scan = table_beginscan_strat(rel, snapshot, 0, NULL, true, false);
    bool any = range == NULL || pd_limit_scan(rel, scan, range, label);
    uint64 rows = 0;

    while (any && table_scan_getnextslot(scan, ForwardScanDirection, slot)) {
        CHECK_FOR_INTERRUPTS();
        MemoryContext old = MemoryContextSwitchTo(rowcxt);
        slot_getallattrs(slot);
        for (int c = 0; c < ncols; c++) {
            if (c > 0)
                put_byte(&f, '\t');
            int att = cols[c].attno;
            if (slot->tts_isnull[att])
                pd_data_file_put(&f, "\\N", 2);
            else
                put_value(&f, &cols[c], slot->tts_values[att]);
        }
        put_byte(&f, '\n');
        MemoryContextSwitchTo(old);
        MemoryContextReset(rowcxt);
        rows++;
        pd_data_file_row_end(&f);
        pd_progress_scan_tick(rows, scan);
    }
    /* a piece's bytes are the blocks it read, not the whole table's */
    pd_progress_scan_end(relid, rows, scan, range != NULL);
    table_endscan(scan);
    ExecDropSingleTupleTableSlot(slot);
    MemoryContextDelete(rowcxt);
    table_close(rel, NoLock);
    pfree(cols);
    return rows;
}

/*
 * The rows of an extension's configuration table that its filter condition
 * (from pg_extension_config_dump) selects, read with SPI under the active
 * snapshot, like pg_dump's COPY (SELECT ... WHERE ...) TO stdout.
 */
uint64 pd_write_filtered_data(Oid relid, const char *label, int expected_ncols, const char *path,
                              int compression, uint64 *file_bytes, volatile bool *created) {
    PdDataFile f;
    pd_data_file_open(&f, path, compression, created);
    uint64 rows = pd_filtered_rows_to(&f, relid, label, expected_ncols);
    pd_data_file_put(&f, pd::kCopyDataTrailer, sizeof(pd::kCopyDataTrailer) - 1);
    pd_data_file_finish(&f);
    *file_bytes = f.bytes;
    return rows;
}

uint64 pd_filtered_rows_to(PdDataFile *out, Oid relid, const char *label, int expected_ncols) {
    table_close(pd_open_table_as_in_snapshot(relid, label, GetActiveSnapshot()), NoLock);
    pd_progress_work_begin(label);
    PdDataFile &f = *out;
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Oid types[1] = {OIDOID};
    Datum args[1] = {ObjectIdGetDatum(relid)};
    if (SPI_execute_with_args(
            "SELECT format('SELECT %s FROM ONLY %s %s',"
            " (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a"
            "   WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''),"
            " $1::pg_catalog.regclass, cfg.cond)"
            " FROM pg_catalog.pg_extension x CROSS JOIN LATERAL unnest(x.extconfig, x.extcondition) cfg(rel, cond)"
            " WHERE cfg.rel = $1",
            1, types, args, NULL, true, 1) != SPI_OK_SELECT ||
        SPI_processed != 1)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("table with OID %u is no longer an extension's configuration table", relid)));
    char *query = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

    Portal portal = SPI_cursor_open_with_args(NULL, query, 0, NULL, NULL, NULL, true, 0);
    /* the values of one batch of rows, freed with it */
    MemoryContext batchcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_dump rows", ALLOCSET_DEFAULT_SIZES);
    uint64 rows = 0;
    for (;;) {
        SPI_cursor_fetch(portal, true, 100);
        if (SPI_processed == 0)
            break;
        MemoryContext old = MemoryContextSwitchTo(batchcxt);
        TupleDesc desc = SPI_tuptable->tupdesc;
        if (desc->natts != expected_ncols)
            ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                            errmsg("table \"%s\" changed while the dump ran", get_rel_name(relid))));
        for (uint64 r = 0; r < SPI_processed; r++) {
            CHECK_FOR_INTERRUPTS();
            for (int c = 0; c < desc->natts; c++) {
                if (c > 0)
                    pd_data_file_put(&f, "\t", 1);
                char *v = SPI_getvalue(SPI_tuptable->vals[r], desc, c + 1);
                if (v == NULL)
                    pd_data_file_put(&f, "\\N", 2);
                else
                    pd_data_file_put_escaped(&f, v, strlen(v));
            }
            pd_data_file_put(&f, "\n", 1);
            rows++;
            pd_data_file_row_end(&f);
            MemoryContextReset(batchcxt);
        }
        MemoryContextSwitchTo(old);
        SPI_freetuptable(SPI_tuptable);
        pd_progress_work_set(rows, 0);
    }
    SPI_cursor_close(portal);
    pd_progress_table_done(relid, rows);
    MemoryContextDelete(batchcxt);
    SPI_finish();
    return rows;
}
