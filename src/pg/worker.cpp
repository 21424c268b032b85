/*
 * pd_dump's background worker: joins the pool as the calling role, adopts
 * the leader's snapshot, then dumps tables one at a time until the leader
 * has no more.
 */
#include "../pure/dump_plan.h"
#include "blob_data.h"
#include "pd_shared.h"
#include "session_settings.h"
#include "table_data.h"
#include "worker_pool.h"

namespace {

void reply(PdPoolWorker *w, char type, int32 item, uint64 rows, uint64 bytes) {
    PdReply r;
    memset(&r, 0, sizeof r);
    r.type = type;
    r.item = item;
    r.rows = rows;
    r.bytes = bytes;
    pd_pool_worker_reply(w, &r, sizeof r);
}

void dump_item(PdPoolWorker *w, const PdDumpShared *shared, const PdWorkItem *item) {
    uint64 bytes = 0, rows;
    if (item->kind == pd::DATA_BLOBS) {
        pgstat_report_activity(STATE_RUNNING, "pd_dump: large objects");
        rows = pd_write_blobs(shared->directory, shared->compression, &bytes);
        reply(w, PD_MSG_DONE, item->item, rows, bytes);
        return;
    }
    char *relname = get_rel_name(item->relid);
    char *nspname = get_namespace_name(get_rel_namespace(item->relid));
    if (relname == NULL || nspname == NULL)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
                        errmsg("table with OID %u was dropped while the dump ran", item->relid)));
    pgstat_report_activity(STATE_RUNNING, psprintf("pd_dump: COPY %s", quote_qualified_identifier(nspname, relname)));

    /*
     * NOWAIT: failure means another session queued a conflicting lock after
     * the leader's.  Waiting could deadlock undetected; the leader, which
     * already holds the lock, dumps the table itself instead.
     */
    if (!ConditionalLockRelationOid(item->relid, AccessShareLock)) {
        reply(w, PD_MSG_LOCK_BUSY, item->item, 0, 0);
        return;
    }
    pd_check_table_readable(item->relid);
    char *path = pd_data_file_path(shared->directory, item->dump_id, shared->compression);
    rows = item->kind == pd::DATA_FILTERED
               ? pd_write_filtered_data(item->relid, item->ncols, path, shared->compression, &bytes)
               : pd_write_table_data(item->relid, item->ncols, path, shared->compression, w->snapshot, &bytes);
    reply(w, PD_MSG_DONE, item->item, rows, bytes);
}

} // namespace

extern "C" void pd_worker_main(Datum main_arg) {
    PdPoolWorker w;
    pd_pool_worker_begin(main_arg, &w);
    const PdDumpShared *shared = (const PdDumpShared *) w.payload;

    /* one transaction for every item: locks are held to the end, like pg_dump's */
    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    pd_apply_dump_settings();
    pd_pool_worker_adopt_snapshot(&w);

    void *data;
    Size len;
    while (pd_pool_worker_next(&w, &data, &len)) {
        if (len != sizeof(PdWorkItem))
            elog(ERROR, "parallel_dump worker received a malformed work item");
        PdWorkItem item;
        memcpy(&item, data, sizeof item);
        dump_item(&w, shared, &item);
        pgstat_report_activity(STATE_IDLE, NULL);
    }

    pd_pool_worker_release_snapshot(&w);
    CommitTransactionCommand();
    pgstat_report_activity(STATE_IDLE, NULL);
}
