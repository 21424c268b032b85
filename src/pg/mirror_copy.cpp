/*
 * One work item of pd_mirror on one target connection (mirror_copy.h).  A
 * table's rows come from pd_dump's encoder (table_data.h) writing into a
 * sink that hands each full buffer (about 1 MB of COPY text) to libpq.
 */
#include "mirror_copy.h"

extern "C" {
#include "libpq/libpq-fs.h"
#include "storage/large_object.h"
}

#include "../pure/dump_plan.h"
#include "mirror_binary.h"
#include "table_data.h"

namespace {

const int kBlobChunk = 65536;
const int kBlobsPerFetch = 1000;

typedef struct CopySink {
    PdRemote *target;
    const char *what;
} CopySink;

void to_target(void *arg, const char *data, size_t len) {
    CopySink *s = (CopySink *) arg;
    pd_remote_copy_put(s->target, data, len, s->what);
}

/*
 * BEGIN, the prefix (TRUNCATE), COPY ... FROM STDIN in the format the rule
 * of mirror_binary.h allows, the rows, COMMIT.
 */
uint64 copy_rows(PdRemote *target, const PdMirrorItem *item, const char *prefix, const char *sql,
                 Snapshot snapshot) {
    char *what = psprintf("COPY of %s", item->label);
    bool binary = item->kind == pd::DATA_TABLE && pd_mirror_binary_ok(target, item->relid);
    bool freeze = (item->flags & PD_MIRROR_FREEZE) != 0;
    const char *options = binary && freeze ? " WITH (FORMAT binary, FREEZE)"
                          : binary         ? " WITH (FORMAT binary)"
                          : freeze         ? " WITH (FREEZE)"
                                           : "";
    pd_remote_exec(target, "BEGIN", what);
    if (prefix[0] != '\0')
        pd_remote_exec(target, prefix, what);
    pd_remote_copy_begin(target, psprintf("%s%s", sql, options), what);
    CopySink sink = {target, what};
    PdDataFile f;
    pd_data_file_open_sink(&f, to_target, &sink);
    uint64 rows = binary ? pd_table_binary_rows_to(&f, item->relid, item->label, item->ncols, snapshot)
                  : item->kind == pd::DATA_FILTERED
                      ? pd_filtered_rows_to(&f, item->relid, item->label, item->ncols)
                      : pd_table_rows_to(&f, item->relid, item->label, item->ncols, snapshot);
    pd_data_file_finish(&f);
    pd_remote_copy_end(target, what);
    pd_remote_exec(target, "COMMIT", what);
    return rows;
}

/* One object's contents, in lo_put calls of 64 kB (lo_create ran with the pre-data). */
void copy_blob(PdRemote *target, Oid oid, char *chunk) {
    char *what = psprintf("contents of large object %u", oid);
    char oidtext[16];
    snprintf(oidtext, sizeof oidtext, "%u", oid);
    LargeObjectDesc *lo = inv_open(oid, INV_READ, CurrentMemoryContext);
    int64 offset = 0;
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        int n = inv_read(lo, chunk, kBlobChunk);
        if (n <= 0)
            break;
        char offtext[24];
        snprintf(offtext, sizeof offtext, INT64_FORMAT, offset);
        const char *values[3] = {oidtext, offtext, chunk};
        int lengths[3] = {-1, -1, n};
        pd_remote_exec_params(target, "SELECT pg_catalog.lo_put($1::pg_catalog.oid, $2::pg_catalog.int8, $3)", 3,
                              values, lengths, what);
        offset += n;
    }
    inv_close(lo);
}

uint64 copy_blobs(PdRemote *target) {
    pd_remote_exec(target, "BEGIN", "copying large objects");
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Portal portal = SPI_cursor_open_with_args(NULL, "SELECT oid FROM pg_catalog.pg_largeobject_metadata ORDER BY oid",
                                              0, NULL, NULL, NULL, true, 0);
    char *chunk = (char *) palloc(kBlobChunk);
    MemoryContext blobcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_mirror large object",
                                                  ALLOCSET_DEFAULT_SIZES);
    uint64 count = 0;
    for (;;) {
        SPI_cursor_fetch(portal, true, kBlobsPerFetch);
        if (SPI_processed == 0)
            break;
        for (uint64 i = 0; i < SPI_processed; i++) {
            bool isnull;
            Oid oid = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
            MemoryContext old = MemoryContextSwitchTo(blobcxt);
            copy_blob(target, oid, chunk);
            MemoryContextSwitchTo(old);
            MemoryContextReset(blobcxt);
            count++;
        }
        SPI_freetuptable(SPI_tuptable);
    }
    SPI_cursor_close(portal);
    MemoryContextDelete(blobcxt);
    pfree(chunk);
    close_lo_relation(true);
    SPI_finish();
    pd_remote_exec(target, "COMMIT", "copying large objects");
    return count;
}

} // namespace

uint64 pd_mirror_run_item(PdRemote *target, const PdMirrorItem *item, const char *text, Snapshot snapshot) {
    char *prefix = pnstrdup(text, item->prefix_len);
    char *sql = pnstrdup(text + item->prefix_len, item->sql_len);
    switch (item->work) {
    case PD_MIRROR_COPY:
        return copy_rows(target, item, prefix, sql, snapshot);
    case PD_MIRROR_BLOBS:
        return copy_blobs(target);
    default:
        pd_remote_exec(target, sql, psprintf("restoring %s", item->label));
        return 0;
    }
}
