/*
 * pd_mirror's background worker: joins the pool as the calling role, adopts
 * the leader's snapshot (as pd_dump's workers do), connects to the target
 * with its own session, and runs work items until the leader has no more.
 * Its target session is cancelled and closed however the worker ends.
 */
#include "memory_report.h"
#include "mirror_copy.h"
#include "progress.h"
#include "session_settings.h"
#include "table_data.h"
#include "worker_pool.h"

extern "C" {
#include "utils/inval.h"
}

namespace {

/* As pd_dump's workers: the relation and catalog caches are emptied every so many items. */
const int kItemsPerCacheReset = 100;

/* This worker's target session, for the exit callback. */
PdRemote target;

void close_target(int, Datum) { pd_remote_close(&target); }

void reply(PdPoolWorker *w, char type, int32 item, uint64 rows) {
    PdReply r;
    memset(&r, 0, sizeof r);
    r.type = type;
    r.item = item;
    r.rows = rows;
    r.peak_rss_kb = pd_peak_rss_kb();
    pd_pool_worker_reply(w, &r, sizeof r);
}

/* Returns the reply type. */
char run_item(PdPoolWorker *w, const PdMirrorItem *item, const char *text, uint64 *rows) {
    if (item->work == PD_MIRROR_COPY) {
        if (item->piece < 0)
            pgstat_report_activity(STATE_RUNNING, psprintf("pd_mirror: COPY %s", item->label));
        else
            pgstat_report_activity(STATE_RUNNING, psprintf("pd_mirror: COPY %s, piece %d", item->label, item->piece));
        /* NOWAIT, as pd_dump's workers: the leader copies a busy table itself */
        if (!ConditionalLockRelationOid(item->relid, AccessShareLock))
            return PD_MSG_LOCK_BUSY;
        pd_check_table_readable(item->relid, item->label);
        *rows = pd_mirror_run_item(&target, item, text, w->snapshot);
        UnlockRelationOid(item->relid, AccessShareLock);
        return PD_MSG_DONE;
    }
    pgstat_report_activity(STATE_RUNNING, psprintf("pd_mirror: %s", item->label));
    *rows = pd_mirror_run_item(&target, item, text, w->snapshot);
    return PD_MSG_DONE;
}

} // namespace

extern "C" void pd_mirror_worker_main(Datum main_arg) {
    PdPoolWorker w;
    pd_pool_worker_begin(main_arg, &w);
    pd_progress_worker_attach(&w);
    PdMirrorShared *shared = (PdMirrorShared *) w.payload;
    before_shmem_exit(close_target, (Datum) 0);

    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    pd_apply_dump_settings();
    pd_pool_worker_adopt_snapshot(&w);
    pgstat_report_activity(STATE_RUNNING, "pd_mirror: connecting to the target");
    pd_remote_connect(&target, shared->conninfo, NULL);
    pd_remote_exec(&target, shared->setup_sql, "setting up the session");
    MemoryContext itemcxt = AllocSetContextCreate(TopTransactionContext, "pd_mirror item", ALLOCSET_DEFAULT_SIZES);

    void *data;
    Size len;
    int items = 0;
    while (pd_pool_worker_next(&w, &data, &len)) {
        PdMirrorItem item;
        if (len < sizeof item)
            elog(ERROR, "parallel_dump mirror worker received a malformed work item");
        memcpy(&item, data, sizeof item);
        if (item.item < 0 || item.item >= shared->nitems || item.prefix_len < 0 || item.sql_len < 0 ||
            len != sizeof item + (Size) item.prefix_len + (Size) item.sql_len)
            elog(ERROR, "parallel_dump mirror worker received a malformed work item");
        item.label[PD_LABEL_SIZE - 1] = '\0';
        uint64 rows = 0;
        MemoryContext old = MemoryContextSwitchTo(itemcxt);
        char *text = (char *) palloc(len - sizeof item + 1);
        memcpy(text, (char *) data + sizeof item, len - sizeof item);
        char type = run_item(&w, &item, text, &rows);
        MemoryContextSwitchTo(old);
        MemoryContextReset(itemcxt);
        if (++items % kItemsPerCacheReset == 0)
            InvalidateSystemCaches();
        pgstat_report_activity(STATE_IDLE, NULL);
        reply(&w, type, item.item, rows);
    }
    pd_remote_close(&target);
    MemoryContextDelete(itemcxt);
    pd_pool_worker_release_snapshot(&w);
    CommitTransactionCommand();
    pgstat_report_activity(STATE_IDLE, NULL);
}
