/*
 * What the leader and its background workers share through one DSM
 * segment: a fixed header, the serialized snapshot, and two shm_mq queues
 * per worker (work items leader -> worker, replies worker -> leader).
 */
#pragma once

#include "pg_includes.h"

#define PD_SHM_MAGIC 0x70645f64U /* "pd_d" */
#define PD_KEY_SHARED 1
#define PD_KEY_SNAPSHOT 2
#define PD_KEY_QUEUES 3
#define PD_QUEUE_SIZE 16384

#define PD_WORKER_TYPE "parallel_dump worker"

typedef struct PdShared {
    Oid database_id;
    Oid authenticated_user_id; /* workers connect as this role ... */
    Oid outer_user_id;         /* ... then become the caller, like parallel.c */
    bool outer_is_superuser;
    Oid current_user_id;
    int sec_context;
    PGPROC *leader_proc;
    int compression;
    int nworkers;
    char directory[MAXPGPATH];
} PdShared;

/* Leader -> worker: one table to dump. */
typedef struct PdWorkItem {
    int32 kind;   /* pd::DataKind: a table, or the large objects */
    int32 item;   /* the leader's index of this item */
    int32 dump_id;
    Oid relid;
    int32 ncols;
} PdWorkItem;

/* Worker -> leader reply types; 'E' and 'N' are protocol error/notice messages. */
#define PD_MSG_DONE 'D'
#define PD_MSG_LOCK_BUSY 'L'

typedef struct PdReply {
    char type;
    int32 item;
    uint64 rows;
    uint64 bytes;
} PdReply;

static inline shm_mq *pd_work_queue(char *queues, int worker) {
    return (shm_mq *) (queues + (Size) (2 * worker) * PD_QUEUE_SIZE);
}

static inline shm_mq *pd_reply_queue(char *queues, int worker) {
    return (shm_mq *) (queues + (Size) (2 * worker + 1) * PD_QUEUE_SIZE);
}

extern "C" PGDLLEXPORT void pd_worker_main(Datum main_arg);
