/*
 * What pd_dump's leader and workers say to each other over the worker pool:
 * the shared payload, one work item per message, one reply per item.
 */
#pragma once

#include "blob_data.h"
#include "pg_includes.h"

#define PD_DUMP_WORKER_TYPE "parallel_dump worker"

/*
 * Shared by every worker of one dump.  created[] and blobs are the list of
 * files this dump made (each set right after the file was created), so
 * that a failed dump removes those and nothing else.
 */
typedef struct PdDumpShared {
    int compression;
    char directory[MAXPGPATH];
    int nitems;
    PdBlobFiles blobs;
    volatile bool created[FLEXIBLE_ARRAY_MEMBER]; /* per item: its data file */
} PdDumpShared;

/* "schema"."table" at its longest: two quoted names, each quote doubled. */
#define PD_LABEL_SIZE (2 * (2 * NAMEDATALEN + 2) + 2)

/* Leader -> worker: one table (or the large objects) to dump. */
typedef struct PdWorkItem {
    int32 kind;   /* pd::DataKind */
    int32 item;   /* the leader's index of this item */
    int32 dump_id;
    Oid relid;
    int32 ncols;
    /* the table's name as the snapshot saw it: errors name it even once it is dropped or renamed */
    char label[PD_LABEL_SIZE];
} PdWorkItem;

/* Worker -> leader reply types ('E' and 'N' are errors and notices). */
#define PD_MSG_DONE 'D'
#define PD_MSG_LOCK_BUSY 'L'

typedef struct PdReply {
    char type;
    int32 item;
    uint64 rows;
    uint64 bytes;
    /* the worker's memory so far: peak resident set, and the most its contexts held after an item */
    uint64 peak_rss_kb;
    uint64 context_bytes;
} PdReply;

extern "C" PGDLLEXPORT void pd_worker_main(Datum main_arg);
