/*
 * One work item of pd_mirror on one target connection (mirror_copy.h).  A
 * table's rows come from pd_dump's encoder (table_data.h) writing into a
 * sink that hands each full buffer (about 1 MB of COPY text) to libpq.
 */
#include "mirror_copy.h"

#include "../pure/dump_plan.h"
#include "blob_data.h"
#include "mirror_binary.h"
#include "table_data.h"

namespace {

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
 * of mirror_binary.h allows, the rows (a piece's: those of its block range,
 * table_pieces.h), COMMIT.
 */
uint64 copy_rows(PdRemote *target, const PdMirrorItem *item, const char *prefix, const char *sql,
                 Snapshot snapshot) {
    char *what = item->piece < 0 ? psprintf("COPY of %s", item->label)
                                 : psprintf("COPY of %s, piece %d", item->label, item->piece);
    PdBlockRange range = {item->start_block, item->end_block};
    const PdBlockRange *blocks = item->piece < 0 ? NULL : &range;
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
    uint64 rows = binary ? pd_table_binary_rows_to(&f, item->relid, item->label, item->ncols, snapshot, blocks)
                  : item->kind == pd::DATA_FILTERED
                      ? pd_filtered_rows_to(&f, item->relid, item->label, item->ncols)
                      : pd_table_rows_to(&f, item->relid, item->label, item->ncols, snapshot, blocks);
    pd_data_file_finish(&f);
    pd_remote_copy_end(target, what);
    pd_remote_exec(target, "COMMIT", what);
    return rows;
}

typedef struct BlobTarget {
    PdRemote *target;
    const char *oid;
    const char *what;
    int64 offset;
} BlobTarget;

/* One piece of an object's contents, with lo_put (lo_create ran with the pre-data). */
void put_blob_piece(const char *data, int len, void *arg) {
    BlobTarget *b = (BlobTarget *) arg;
    char offset[24];
    snprintf(offset, sizeof offset, INT64_FORMAT, b->offset);
    const char *values[3] = {b->oid, offset, data};
    int lengths[3] = {-1, -1, len};
    pd_remote_exec_params(b->target, "SELECT pg_catalog.lo_put($1::pg_catalog.oid, $2::pg_catalog.int8, $3)", 3,
                          values, lengths, b->what);
    b->offset += len;
}

void copy_blob(Oid oid, void *arg) {
    BlobTarget b = {(PdRemote *) arg, psprintf("%u", oid), psprintf("contents of large object %u", oid), 0};
    pd_read_blob(oid, put_blob_piece, &b);
}

uint64 copy_blobs(PdRemote *target) {
    pd_remote_exec(target, "BEGIN", "copying large objects");
    uint64 count = pd_for_each_blob(copy_blob, target);
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
