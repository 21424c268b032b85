/*
 * What pd_mirror's leader and workers share: the target's connection string
 * and the SQL each connection starts with (in the pool's shared memory, never
 * in pg_stat_activity), and one work item per message.  Replies are pd_dump's
 * PdReply (pd_shared.h).
 */
#pragma once

#include "pd_shared.h"

#define PD_MIRROR_WORKER_TYPE "parallel_dump mirror worker"
#define PD_MIRROR_CONNINFO_SIZE 8192
#define PD_MIRROR_SETUP_SIZE 2048

typedef struct PdMirrorShared {
    char conninfo[PD_MIRROR_CONNINFO_SIZE];
    char setup_sql[PD_MIRROR_SETUP_SIZE]; /* session settings run first on every connection */
    int nitems;
} PdMirrorShared;

/* What a work item asks for. */
typedef enum PdMirrorWork {
    PD_MIRROR_SQL = 0,  /* run sql on the target */
    PD_MIRROR_COPY = 1, /* a table's rows: sql is the COPY without options, prefix (may be "") runs first */
    PD_MIRROR_BLOBS = 2 /* the contents of every large object */
} PdMirrorWork;

/* Leader -> worker: a fixed head, then prefix_len + sql_len bytes of text. */
/* A COPY into a table this copy created and emptied in the same transaction: rows load frozen. */
#define PD_MIRROR_FREEZE 1

typedef struct PdMirrorItem {
    int32 item;
    int32 work;  /* PdMirrorWork */
    int32 flags;
    int32 kind;  /* pd::DataKind of a COPY */
    Oid relid;
    int32 ncols;
    int32 piece;        /* -1: the whole table; else its block range's number (table_pieces.h) */
    uint32 start_block; /* a piece's blocks [start, end); end InvalidBlockNumber: to the table's end */
    uint32 end_block;
    int32 prefix_len;
    int32 sql_len;
    char label[PD_LABEL_SIZE]; /* the entry, for pg_stat_activity and errors */
} PdMirrorItem;

extern "C" PGDLLEXPORT void pd_mirror_worker_main(Datum main_arg);
