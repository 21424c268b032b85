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
    int nitems; /* work ids: the plan's data items, then the pieces of split tables */
    PdBlobFiles blobs;
    volatile bool created[FLEXIBLE_ARRAY_MEMBER]; /* per work id: its data file, or its piece's (table_pieces.h) */
} PdDumpShared;

/* "schema"."table" at its longest: two quoted names, each quote doubled. */
#define PD_LABEL_SIZE (2 * (2 * NAMEDATALEN + 2) + 2)

/* Leader -> worker: one table (or the large objects) to dump. */
typedef struct PdWorkItem {
    int32 kind;   /* pd::DataKind */
    int32 item;   /* the leader's work id of this item */
    int32 table_item; /* the plan's data item whose file it writes (item, unless a piece) */
    int32 piece;      /* -1: the whole table; else the piece's number in block order (table_pieces.h) */
    uint32 start_block; /* a piece's blocks [start, end); end InvalidBlockNumber: to the table's end */
    uint32 end_block;
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
    /*
     * the worker's memory so far: peak resident set, the most its contexts
     * held after an item, and the most of its resident set that was private
     * (RssAnon, after an item: the shared buffers it read are left out)
     */
    uint64 peak_rss_kb;
    uint64 context_bytes;
    uint64 private_kb;
    double cpu_seconds; /* the worker's CPU so far (dump_timeline.h) */
} PdReply;

/* The flag of the file work id writes: piece 0 writes its table's own data file. */
static inline volatile bool *pd_created_flag(PdDumpShared *shared, int id, int table_item, int piece) {
    return &shared->created[piece <= 0 ? table_item : id];
}

extern "C" PGDLLEXPORT void pd_worker_main(Datum main_arg);
