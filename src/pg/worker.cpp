/*
 * The background worker: attaches to the leader's DSM segment, sends its
 * errors back through the reply queue, becomes the calling role, adopts the
 * leader's snapshot, then dumps tables one at a time until the leader
 * detaches the work queue.
 */
#include "blob_data.h"
#include "pd_shared.h"
#include "session_settings.h"
#include "table_data.h"

#include "../pure/dump_plan.h"

namespace {

void send_reply(shm_mq_handle *mqh, char type, int32 item, uint64 rows, uint64 bytes) {
    PdReply r;
    memset(&r, 0, sizeof r);
    r.type = type;
    r.item = item;
    r.rows = rows;
    r.bytes = bytes;
    if (shm_mq_send(mqh, sizeof r, &r, false, true) != SHM_MQ_SUCCESS)
        ereport(ERROR, (errcode(ERRCODE_ADMIN_SHUTDOWN), errmsg("parallel_dump leader has gone away")));
}

void dump_items(PdShared *shared, shm_mq_handle *work, shm_mq_handle *reply, Snapshot snapshot) {
    for (;;) {
        Size nbytes;
        void *data;
        shm_mq_result res = shm_mq_receive(work, &nbytes, &data, false);
        if (res == SHM_MQ_DETACHED)
            return; /* no more work */
        if (res != SHM_MQ_SUCCESS || nbytes != sizeof(PdWorkItem))
            elog(ERROR, "parallel_dump worker received a malformed work item");
        PdWorkItem item;
        memcpy(&item, data, sizeof item);

        if (item.kind == pd::DATA_BLOBS) {
            pgstat_report_activity(STATE_RUNNING, "pd_dump: large objects");
            uint64 bytes = 0;
            uint64 count = pd_write_blobs(shared->directory, shared->compression, &bytes);
            send_reply(reply, PD_MSG_DONE, item.item, count, bytes);
            pgstat_report_activity(STATE_IDLE, NULL);
            continue;
        }

        char *relname = get_rel_name(item.relid);
        char *nspname = get_namespace_name(get_rel_namespace(item.relid));
        if (relname == NULL || nspname == NULL)
            ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
                            errmsg("table with OID %u was dropped while the dump ran", item.relid)));
        char *label = quote_qualified_identifier(nspname, relname);
        pgstat_report_activity(STATE_RUNNING, psprintf("pd_dump: COPY %s", label));

        /*
         * NOWAIT: failure means another session queued a conflicting lock
         * after the leader's.  Waiting could deadlock undetected; the leader,
         * which already holds the lock, dumps the table itself instead.
         */
        if (!ConditionalLockRelationOid(item.relid, AccessShareLock)) {
            send_reply(reply, PD_MSG_LOCK_BUSY, item.item, 0, 0);
            pgstat_report_activity(STATE_IDLE, NULL);
            continue;
        }
        pd_check_table_readable(item.relid);
        char *path = pd_data_file_path(shared->directory, item.dump_id, shared->compression);
        uint64 bytes = 0;
        uint64 rows = item.kind == pd::DATA_FILTERED
                          ? pd_write_filtered_data(item.relid, item.ncols, path, shared->compression, &bytes)
                          : pd_write_table_data(item.relid, item.ncols, path, shared->compression, snapshot, &bytes);
        send_reply(reply, PD_MSG_DONE, item.item, rows, bytes);
        pgstat_report_activity(STATE_IDLE, NULL);
    }
}

} // namespace

extern "C" void pd_worker_main(Datum main_arg) {
    pqsignal(SIGTERM, die);
    BackgroundWorkerUnblockSignals();

    dsm_segment *seg = dsm_attach(DatumGetUInt32(main_arg));
    if (seg == NULL)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("parallel_dump worker could not map its shared memory segment")));
    shm_toc *toc = shm_toc_attach(PD_SHM_MAGIC, dsm_segment_address(seg));
    if (toc == NULL)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("parallel_dump worker found a bad shared memory segment")));
    PdShared *shared = (PdShared *) shm_toc_lookup(toc, PD_KEY_SHARED, false);
    char *queues = (char *) shm_toc_lookup(toc, PD_KEY_QUEUES, false);
    int index;
    memcpy(&index, MyBgworkerEntry->bgw_extra, sizeof index);
    if (index < 0 || index >= shared->nworkers)
        elog(ERROR, "parallel_dump worker started with bad index %d", index);

    /* errors from here on, connection failures included, reach the leader */
    shm_mq *reply_mq = pd_reply_queue(queues, index);
    shm_mq_set_sender(reply_mq, MyProc);
    shm_mq_handle *reply = shm_mq_attach(reply_mq, seg, NULL);
    pq_redirect_to_shm_mq(seg, reply);
    shm_mq *work_mq = pd_work_queue(queues, index);
    shm_mq_set_receiver(work_mq, MyProc);
    shm_mq_handle *work = shm_mq_attach(work_mq, seg, NULL);

    BackgroundWorkerInitializeConnectionByOid(shared->database_id, shared->authenticated_user_id,
                                              BGWORKER_BYPASS_ALLOWCONN);

    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    /* act as the calling role, exactly as parallel query workers do */
    if (OidIsValid(shared->outer_user_id))
        SetCurrentRoleId(shared->outer_user_id, shared->outer_is_superuser);
    SetUserIdAndSecContext(shared->current_user_id, shared->sec_context);
    pd_apply_dump_settings();

    Snapshot snapshot = RestoreSnapshot((char *) shm_toc_lookup(toc, PD_KEY_SNAPSHOT, false));
    RestoreTransactionSnapshot(snapshot, shared->leader_proc);
    snapshot = RegisterSnapshot(snapshot);
    PushActiveSnapshot(snapshot);

    dump_items(shared, work, reply, snapshot);

    PopActiveSnapshot();
    UnregisterSnapshot(snapshot);
    CommitTransactionCommand();
    pgstat_report_activity(STATE_IDLE, NULL);
}
