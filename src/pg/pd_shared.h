/*
 * What pd_dump's leader and workers say to each other over the worker pool:
 * the shared payload, one work item per message, one reply per item.
 */
#pragma once

#include "pg_includes.h"

#define PD_DUMP_WORKER_TYPE "parallel_dump worker"

/* Shared by every worker of one dump. */
typedef struct PdDumpShared {
    int compression;
    char directory[MAXPGPATH];
} PdDumpShared;

/* Leader -> worker: one table (or the large objects) to dump. */
typedef struct PdWorkItem {
    int32 kind;   /* pd::DataKind */
    int32 item;   /* the leader's index of this item */
    int32 dump_id;
    Oid relid;
    int32 ncols;
} PdWorkItem;

/* Worker -> leader reply types ('E' and 'N' are errors and notices). */
#define PD_MSG_DONE 'D'
#define PD_MSG_LOCK_BUSY 'L'

typedef struct PdReply {
    char type;
    int32 item;
    uint64 rows;
    uint64 bytes;
} PdReply;

extern "C" PGDLLEXPORT void pd_worker_main(Datum main_arg);
