/*
 * A pool of persistent background workers that act as the calling role and
 * take work items one at a time from the leader over shm_mq: the engine
 * under pd_dump (and, later, restore and mirror).  The leader hands an idle
 * worker its next item and reads its replies; a worker's ERROR or NOTICE is
 * re-raised in the leader with the worker's current task as context.
 *
 * Leader side, all in the caller's transaction: pd_pool_create, then
 * pd_pool_start, pd_pool_send / pd_pool_receive per item, pd_pool_close
 * when a worker gets no more work, pd_pool_wait_exit at the end.  On an
 * error or exit, pd_pool_terminate (also run by the DSM detach callback).
 */
#pragma once

#include "pg_includes.h"

typedef struct PdPool PdPool;

/* What pd_pool_receive found. */
typedef enum PdPoolResult { PD_POOL_NOTHING, PD_POOL_MESSAGE, PD_POOL_GONE } PdPoolResult;

/*
 * nworkers slots running entry_function of this library in database_id,
 * sharing payload_size bytes (returned in *payload, for the caller to fill)
 * and, if not NULL, the leader's snapshot.
 */
extern PdPool *pd_pool_create(const char *caller, int nworkers, Oid database_id, const char *entry_function,
                              const char *worker_type, Size payload_size, void **payload, Snapshot snapshot);
/* Starts the workers; fewer may start (a WARNING says so). Returns how many run. */
extern int pd_pool_start(PdPool *pool);
extern int pd_pool_slots(PdPool *pool);
extern bool pd_pool_running(PdPool *pool, int worker);
/* Sends one item; false if the worker is gone. context names the task for errors. */
extern bool pd_pool_send(PdPool *pool, int worker, const void *data, Size len, const char *context);
/* A reply from worker (valid until the next call); PD_POOL_GONE once it exited. */
extern PdPoolResult pd_pool_receive(PdPool *pool, int worker, void **data, Size *len);
/* The worker is done with its task (its errors no longer name it). */
extern void pd_pool_task_done(PdPool *pool, int worker);
/* No more work for this worker: it commits and exits. */
extern void pd_pool_close(PdPool *pool, int worker);
/* Waits until every worker has exited, then releases the shared memory. */
extern void pd_pool_wait_exit(PdPool *pool);
/* Terminates every worker and waits (bounded); never raises an ERROR. */
extern void pd_pool_terminate(PdPool *pool);

/* Worker side. */
typedef struct PdPoolWorker {
    int index;
    void *payload;
    shm_mq_handle *work;
    shm_mq_handle *reply;
    Snapshot snapshot; /* the leader's, once adopted */
    char *snapshot_data;
    PGPROC *leader_proc;
} PdPoolWorker;

/* Attaches, sends errors to the leader, connects as the calling role. */
extern void pd_pool_worker_begin(Datum main_arg, PdPoolWorker *w);
/* In the current transaction: take the leader's snapshot (registered and active). */
extern void pd_pool_worker_adopt_snapshot(PdPoolWorker *w);
extern void pd_pool_worker_release_snapshot(PdPoolWorker *w);
/* The next item, or false when the leader has no more. */
extern bool pd_pool_worker_next(PdPoolWorker *w, void **data, Size *len);
extern void pd_pool_worker_reply(PdPoolWorker *w, const void *data, Size len);
