#include "worker_pool.h"

#define PD_POOL_MAGIC 0x70645f70U /* "pd_p" */
#define PD_POOL_KEY_FIXED 1
#define PD_POOL_KEY_SNAPSHOT 2
#define PD_POOL_KEY_QUEUES 3
#define PD_POOL_KEY_PAYLOAD 4
#define PD_POOL_QUEUE_SIZE 65536

namespace {

const int kStopWaitMs = 10000;

/* In the DSM: who the workers are and whom they serve. */
typedef struct PoolFixed {
    Oid database_id;
    Oid authenticated_user_id; /* workers connect as this role ... */
    Oid outer_user_id;         /* ... then become the caller, like parallel.c */
    bool outer_is_superuser;
    Oid current_user_id;
    int sec_context;
    PGPROC *leader_proc;
    int nworkers;
    bool has_snapshot;
} PoolFixed;

typedef struct Slot {
    BackgroundWorkerHandle *handle;
    shm_mq_handle *work;
    shm_mq_handle *reply;
    char *context; /* the task being worked on, for errors */
    bool running;
    bool closed;
} Slot;

shm_mq *work_queue(char *queues, int i) { return (shm_mq *) (queues + (Size) (2 * i) * PD_POOL_QUEUE_SIZE); }
shm_mq *reply_queue(char *queues, int i) { return (shm_mq *) (queues + (Size) (2 * i + 1) * PD_POOL_QUEUE_SIZE); }

} // namespace

/* Lives in TopTransactionContext: the abort path reads it. */
struct PdPool {
    dsm_segment *seg;
    Slot *slots;
    int nwanted;
    int nslots;
    char function[BGW_MAXLEN];
    char type[BGW_MAXLEN];
    char caller[NAMEDATALEN];
};

static void terminate_cb(dsm_segment *, Datum arg) {
    PdPool *pool = (PdPool *) DatumGetPointer(arg);
    for (int i = 0; i < pool->nslots; i++)
        if (pool->slots[i].handle)
            TerminateBackgroundWorker(pool->slots[i].handle);
}

PdPool *pd_pool_create(const char *caller, int nworkers, Oid database_id, const char *entry_function,
                       const char *worker_type, Size payload_size, void **payload, Snapshot snapshot) {
    PdPool *pool = (PdPool *) MemoryContextAllocZero(TopTransactionContext, sizeof(PdPool));
    strlcpy(pool->caller, caller, NAMEDATALEN);
    pool->nwanted = nworkers;
    strlcpy(pool->function, entry_function, BGW_MAXLEN);
    strlcpy(pool->type, worker_type, BGW_MAXLEN);

    Size snapshot_size = snapshot ? EstimateSnapshotSpace(snapshot) : 0;
    shm_toc_estimator e;
    shm_toc_initialize_estimator(&e);
    shm_toc_estimate_chunk(&e, sizeof(PoolFixed));
    shm_toc_estimate_chunk(&e, snapshot_size + 1);
    shm_toc_estimate_chunk(&e, (Size) PD_POOL_QUEUE_SIZE * 2 * nworkers);
    shm_toc_estimate_chunk(&e, payload_size + 1);
    shm_toc_estimate_keys(&e, 4);
    Size size = shm_toc_estimate(&e);

    pool->seg = dsm_create(size, 0);
    on_dsm_detach(pool->seg, terminate_cb, PointerGetDatum(pool));
    shm_toc *toc = shm_toc_create(PD_POOL_MAGIC, dsm_segment_address(pool->seg), size);

    PoolFixed *fixed = (PoolFixed *) shm_toc_allocate(toc, sizeof(PoolFixed));
    memset(fixed, 0, sizeof *fixed);
    fixed->database_id = database_id;
    fixed->authenticated_user_id = GetAuthenticatedUserId();
    fixed->outer_user_id = GetCurrentRoleId();
    fixed->outer_is_superuser = OidIsValid(fixed->outer_user_id) && superuser_arg(fixed->outer_user_id);
    GetUserIdAndSecContext(&fixed->current_user_id, &fixed->sec_context);
    fixed->leader_proc = MyProc;
    fixed->nworkers = nworkers;
    fixed->has_snapshot = snapshot != NULL;
    shm_toc_insert(toc, PD_POOL_KEY_FIXED, fixed);

    char *snap = (char *) shm_toc_allocate(toc, snapshot_size + 1);
    if (snapshot)
        SerializeSnapshot(snapshot, snap);
    shm_toc_insert(toc, PD_POOL_KEY_SNAPSHOT, snap);

    char *shared = (char *) shm_toc_allocate(toc, payload_size + 1);
    memset(shared, 0, payload_size + 1);
    shm_toc_insert(toc, PD_POOL_KEY_PAYLOAD, shared);
    *payload = shared;

    char *queues = (char *) shm_toc_allocate(toc, (Size) PD_POOL_QUEUE_SIZE * 2 * nworkers);
    shm_toc_insert(toc, PD_POOL_KEY_QUEUES, queues);
    pool->slots = (Slot *) MemoryContextAllocZero(TopTransactionContext, sizeof(Slot) * nworkers);
    for (int i = 0; i < nworkers; i++) {
        shm_mq *work = shm_mq_create(work_queue(queues, i), PD_POOL_QUEUE_SIZE);
        shm_mq_set_sender(work, MyProc);
        shm_mq *reply = shm_mq_create(reply_queue(queues, i), PD_POOL_QUEUE_SIZE);
        shm_mq_set_receiver(reply, MyProc);
        pool->slots[i].work = shm_mq_attach(work, pool->seg, NULL);
        pool->slots[i].reply = shm_mq_attach(reply, pool->seg, NULL);
    }
    return pool;
}

int pd_pool_start(PdPool *pool) {
    BackgroundWorker w;
    memset(&w, 0, sizeof w);
    w.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
    w.bgw_start_time = BgWorkerStart_ConsistentState;
    w.bgw_restart_time = BGW_NEVER_RESTART;
    snprintf(w.bgw_library_name, BGW_MAXLEN, "parallel_dump");
    strlcpy(w.bgw_function_name, pool->function, BGW_MAXLEN);
    strlcpy(w.bgw_type, pool->type, BGW_MAXLEN);
    w.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(pool->seg));
    w.bgw_notify_pid = MyProcPid;

    /* the handles must outlive an abort: the detach callback uses them */
    MemoryContext old = MemoryContextSwitchTo(TopTransactionContext);
    for (int i = 0; i < pool->nwanted; i++) {
        snprintf(w.bgw_name, BGW_MAXLEN, "%s %d for PID %d", pool->type, i, MyProcPid);
        memcpy(w.bgw_extra, &i, sizeof i);
        if (!RegisterDynamicBackgroundWorker(&w, &pool->slots[i].handle))
            break;
        pool->nslots = i + 1;
    }
    MemoryContextSwitchTo(old);

    int started = 0;
    for (int i = 0; i < pool->nslots; i++) {
        pid_t pid;
        Slot *slot = &pool->slots[i];
        shm_mq_set_handle(slot->work, slot->handle);
        shm_mq_set_handle(slot->reply, slot->handle);
        if (WaitForBackgroundWorkerStartup(slot->handle, &pid) == BGWH_STARTED) {
            slot->running = true;
            started++;
        }
    }
    if (started < pool->nwanted)
        ereport(WARNING,
                (errmsg("%s could start only %d of %d parallel workers", pool->caller, started, pool->nwanted),
                 started == 0 ? errdetail("The leader process does all the work itself.")
                              : errdetail("The work continues with %d workers.", started),
                 errhint("Background worker slots are limited by max_worker_processes (currently %d).",
                         max_worker_processes)));
    return started;
}

int pd_pool_slots(PdPool *pool) { return pool->nslots; }

bool pd_pool_running(PdPool *pool, int worker) { return pool->slots[worker].running; }

bool pd_pool_send(PdPool *pool, int worker, const void *data, Size len, const char *context) {
    Slot *slot = &pool->slots[worker];
    if (!slot->running || slot->closed)
        return false;
    slot->context = MemoryContextStrdup(TopTransactionContext, context);
    if (shm_mq_send(slot->work, len, data, false, true) != SHM_MQ_SUCCESS) {
        slot->closed = true;
        return false;
    }
    return true;
}

void pd_pool_task_done(PdPool *pool, int worker) {
    Slot *slot = &pool->slots[worker];
    if (slot->context)
        pfree(slot->context);
    slot->context = NULL;
}

/* Re-raises a worker's error or notice in the leader, naming worker and task. */
static void rethrow(PdPool *pool, int worker, void *data, Size len) {
    StringInfoData msg;
    initStringInfo(&msg);
    appendBinaryStringInfo(&msg, (char *) data, (int) len);
    (void) pq_getmsgbyte(&msg);
    ErrorData edata;
    pq_parse_errornotice(&msg, &edata);
    edata.elevel = Min(edata.elevel, ERROR); /* a worker's FATAL must not end the leader's session */
    const char *task = pool->slots[worker].context;
    char *where = task ? psprintf("%s %d, %s", pool->type, worker, task) : psprintf("%s %d", pool->type, worker);
    edata.context = edata.context ? psprintf("%s\n%s", edata.context, where) : where;
    ThrowErrorData(&edata);
}

PdPoolResult pd_pool_receive(PdPool *pool, int worker, void **data, Size *len) {
    Slot *slot = &pool->slots[worker];
    for (;;) {
        if (!slot->running)
            return PD_POOL_GONE;
        shm_mq_result res = shm_mq_receive(slot->reply, len, data, true);
        if (res == SHM_MQ_WOULD_BLOCK)
            return PD_POOL_NOTHING;
        if (res == SHM_MQ_DETACHED) {
            slot->running = false;
            if (slot->context)
                ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                                errmsg("%s %d exited unexpectedly while %s", pool->type, worker, slot->context)));
            return PD_POOL_GONE;
        }
        char type = *len > 0 ? ((char *) *data)[0] : 0;
        if (type == 'E' || type == 'N') {
            rethrow(pool, worker, *data, *len); /* returns for notices */
            continue;
        }
        return PD_POOL_MESSAGE;
    }
}

void pd_pool_close(PdPool *pool, int worker) {
    Slot *slot = &pool->slots[worker];
    if (!slot->closed) {
        shm_mq_detach(slot->work); /* the worker sees DETACHED, commits and exits */
        slot->closed = true;
    }
}

void pd_pool_wait_exit(PdPool *pool) {
    for (int i = 0; i < pool->nslots; i++) {
        pd_pool_close(pool, i);
        (void) WaitForBackgroundWorkerShutdown(pool->slots[i].handle);
    }
    dsm_detach(pool->seg);
    pool->seg = NULL;
}

void pd_pool_terminate(PdPool *pool) {
    if (pool == NULL)
        return;
    for (int i = 0; i < pool->nslots; i++)
        if (pool->slots[i].handle)
            TerminateBackgroundWorker(pool->slots[i].handle);
    TimestampTz deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), kStopWaitMs);
    for (int i = 0; i < pool->nslots; i++) {
        pid_t pid;
        while (pool->slots[i].handle && GetBackgroundWorkerPid(pool->slots[i].handle, &pid) != BGWH_STOPPED &&
               GetCurrentTimestamp() < deadline) {
            (void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 10, PG_WAIT_EXTENSION);
            ResetLatch(MyLatch);
        }
    }
}

void pd_pool_worker_begin(Datum main_arg, PdPoolWorker *w) {
    pqsignal(SIGTERM, die);
    BackgroundWorkerUnblockSignals();
    memset(w, 0, sizeof *w);

    dsm_segment *seg = dsm_attach(DatumGetUInt32(main_arg));
    if (seg == NULL)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("parallel_dump worker could not map its shared memory segment")));
    shm_toc *toc = shm_toc_attach(PD_POOL_MAGIC, dsm_segment_address(seg));
    if (toc == NULL)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("parallel_dump worker found a bad shared memory segment")));
    PoolFixed *fixed = (PoolFixed *) shm_toc_lookup(toc, PD_POOL_KEY_FIXED, false);
    char *queues = (char *) shm_toc_lookup(toc, PD_POOL_KEY_QUEUES, false);
    memcpy(&w->index, MyBgworkerEntry->bgw_extra, sizeof w->index);
    if (w->index < 0 || w->index >= fixed->nworkers)
        elog(ERROR, "parallel_dump worker started with bad index %d", w->index);
    w->payload = shm_toc_lookup(toc, PD_POOL_KEY_PAYLOAD, false);
    w->snapshot_data = fixed->has_snapshot ? (char *) shm_toc_lookup(toc, PD_POOL_KEY_SNAPSHOT, false) : NULL;
    w->leader_proc = fixed->leader_proc;

    /* errors from here on, connection failures included, reach the leader */
    shm_mq *reply_mq = reply_queue(queues, w->index);
    shm_mq_set_sender(reply_mq, MyProc);
    w->reply = shm_mq_attach(reply_mq, seg, NULL);
    pq_redirect_to_shm_mq(seg, w->reply);
    shm_mq *work_mq = work_queue(queues, w->index);
    shm_mq_set_receiver(work_mq, MyProc);
    w->work = shm_mq_attach(work_mq, seg, NULL);

    BackgroundWorkerInitializeConnectionByOid(fixed->database_id, fixed->authenticated_user_id,
                                              BGWORKER_BYPASS_ALLOWCONN);
    /* act as the calling role, exactly as parallel query workers do */
    if (OidIsValid(fixed->outer_user_id))
        SetCurrentRoleId(fixed->outer_user_id, fixed->outer_is_superuser);
    SetUserIdAndSecContext(fixed->current_user_id, fixed->sec_context);
}

void pd_pool_worker_adopt_snapshot(PdPoolWorker *w) {
    if (w->snapshot_data == NULL)
        elog(ERROR, "the parallel_dump leader shared no snapshot");
    Snapshot snapshot = RestoreSnapshot(w->snapshot_data);
    RestoreTransactionSnapshot(snapshot, w->leader_proc);
    w->snapshot = RegisterSnapshot(snapshot);
    PushActiveSnapshot(w->snapshot);
}

void pd_pool_worker_release_snapshot(PdPoolWorker *w) {
    PopActiveSnapshot();
    UnregisterSnapshot(w->snapshot);
    w->snapshot = NULL;
}

bool pd_pool_worker_next(PdPoolWorker *w, void **data, Size *len) {
    shm_mq_result res = shm_mq_receive(w->work, len, data, false);
    if (res == SHM_MQ_DETACHED)
        return false;
    if (res != SHM_MQ_SUCCESS)
        elog(ERROR, "parallel_dump worker could not receive its next item");
    return true;
}

void pd_pool_worker_reply(PdPoolWorker *w, const void *data, Size len) {
    if (shm_mq_send(w->reply, len, data, false, true) != SHM_MQ_SUCCESS)
        ereport(ERROR, (errcode(ERRCODE_ADMIN_SHUTDOWN), errmsg("parallel_dump leader has gone away")));
}
