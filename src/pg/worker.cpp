/*
 * pd_dump's background worker: joins the pool as the calling role, adopts
 * the leader's snapshot, then dumps tables (or block ranges of a big one,
 * table_pieces.h) one at a time until the leader
 * has no more.  Each item runs in its own memory context, and a table's
 * lock is released once its data file is written, so neither memory nor
 * the lock table grows with the number of tables.  The relation and catalog caches, which grow by
 * some kB per table opened, are emptied every kItemsPerCacheReset items.
 */
#include "../pure/dump_plan.h"
#include "blob_data.h"
#include "cpu_time.h"
#include "manifest_files.h"
#include "memory_report.h"
#include "pd_shared.h"
#include "progress.h"
#include "session_settings.h"
#include "table_data.h"
#include "table_pieces.h"
#include "worker_pool.h"

extern "C" {
#include "utils/inval.h"
}

namespace {

/*
 * Emptying the caches costs a few catalog reads; between items no relation
 * is open, and it is what every backend does when its invalidation queue
 * overflows.
 */
const int kItemsPerCacheReset = 100;

/* The most this worker's memory contexts, and its private resident memory, held at the end of an item. */
uint64 context_peak = 0;
uint64 private_peak = 0;

void reply(PdPoolWorker *w, char type, int32 item, uint64 rows, uint64 bytes) {
    PdReply r;
    memset(&r, 0, sizeof r);
    r.type = type;
    r.item = item;
    r.rows = rows;
    r.bytes = bytes;
    r.peak_rss_kb = pd_peak_rss_kb();
    r.context_bytes = context_peak;
    r.private_kb = private_peak;
    r.cpu_seconds = pd_cpu_seconds();
    pd_pool_worker_reply(w, &r, sizeof r);
}

/* Returns the reply type; *rows and *bytes for PD_MSG_DONE. */
char dump_item(PdPoolWorker *w, PdDumpShared *shared, const PdWorkItem *item, uint64 *rows, uint64 *bytes) {
    volatile bool *created = pd_created_flag(shared, item->item, item->table_item, item->piece);
    if (item->kind == pd::DATA_BLOBS) {
        pgstat_report_activity(STATE_RUNNING, "pd_dump: large objects");
        *rows = pd_write_blobs(shared->directory, shared->compression, bytes, &shared->blobs);
        return PD_MSG_DONE;
    }
    if (item->piece < 0)
        pgstat_report_activity(STATE_RUNNING, psprintf("pd_dump: COPY %s", item->label));
    else
        pgstat_report_activity(STATE_RUNNING, psprintf("pd_dump: COPY %s, piece %d", item->label, item->piece));

    /*
     * NOWAIT: failure means another session holds or has queued a
     * conflicting lock.  Waiting here could deadlock undetected when the
     * leader holds the table's lock; the leader waits (or already holds the
     * lock) and dumps the table itself instead.
     */
    if (!ConditionalLockRelationOid(item->relid, AccessShareLock))
        return PD_MSG_LOCK_BUSY;
    pd_check_table_readable(item->relid, item->label);
    char *path = pd_piece_path(shared->directory, item->dump_id, Max(item->piece, 0), shared->compression);
    PdBlockRange range = {item->start_block, item->end_block};
    *rows = item->kind == pd::DATA_FILTERED
                ? pd_write_filtered_data(item->relid, item->label, item->ncols, path, shared->compression, bytes,
                                         created)
                : pd_write_table_range(item->relid, item->label, item->ncols, path, shared->compression,
                                       w->snapshot, item->piece < 0 ? NULL : &range, bytes, created);
    /* the table is closed: a worker never holds more than the lock of the table it dumps */
    UnlockRelationOid(item->relid, AccessShareLock);
    return PD_MSG_DONE;
}

} // namespace

extern "C" void pd_worker_main(Datum main_arg) {
    PdPoolWorker w;
    pd_pool_worker_begin(main_arg, &w);
    pd_progress_worker_attach(&w);
    PdDumpShared *shared = (PdDumpShared *) w.payload;

    /* one transaction for every item, so that every table is read under the leader's snapshot */
    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    pd_apply_dump_settings();
    pd_pool_worker_adopt_snapshot(&w);
    MemoryContext itemcxt = AllocSetContextCreate(TopTransactionContext, "pd_dump item", ALLOCSET_DEFAULT_SIZES);
    pd_manifest_stream(&w); /* the large objects' item writes a file each: their records go as they come */

    void *data;
    Size len;
    int items = 0;
    while (pd_pool_worker_next(&w, &data, &len)) {
        if (len != sizeof(PdWorkItem))
            elog(ERROR, "parallel_dump worker received a malformed work item");
        PdWorkItem item;
        memcpy(&item, data, sizeof item);
        if (item.item < 0 || item.item >= shared->nitems || item.table_item < 0 || item.table_item >= shared->nitems)
            elog(ERROR, "parallel_dump worker received a work item out of range");
        item.label[PD_LABEL_SIZE - 1] = '\0';
        uint64 rows = 0, bytes = 0;
        MemoryContext old = MemoryContextSwitchTo(itemcxt);
        char type = dump_item(&w, shared, &item, &rows, &bytes);
        pd_progress_work_end();
        MemoryContextSwitchTo(old);
        context_peak = Max(context_peak, pd_context_bytes());
        private_peak = Max(private_peak, pd_private_rss_kb());
        MemoryContextReset(itemcxt);
        if (++items % kItemsPerCacheReset == 0)
            InvalidateSystemCaches();
        pgstat_report_activity(STATE_IDLE, NULL);
        pd_manifest_send(&w); /* the files' records go ahead of the reply */
        reply(&w, type, item.item, rows, bytes);
    }

    MemoryContextDelete(itemcxt);
    pd_pool_worker_release_snapshot(&w);
    CommitTransactionCommand();
    pgstat_report_activity(STATE_IDLE, NULL);
}
