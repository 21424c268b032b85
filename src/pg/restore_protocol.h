/*
 * What pd_restore's leader and workers say to each other over the pool: the
 * shared archive settings, a batch of TOC entries' work per message (run in
 * one transaction), one reply per batch with a result per entry.
 */
#pragma once

#include "pg_includes.h"

#define PD_RESTORE_WORKER_TYPE "parallel_dump restore worker"
#define PD_RESTORE_MAX_SEARCHPATH 1024

/* Shared by every worker of one restore. */
typedef struct PdRestoreShared {
    char directory[MAXPGPATH];
    int archive_encoding;  /* the ENCODING entry's, as a pg_enc: the data files' encoding */
    bool standard_conforming_strings;
    bool exit_on_error;
    int fast_input; /* parallel_dump.restore_fast_input of the caller's session */
    char searchpath_sql[PD_RESTORE_MAX_SEARCHPATH]; /* "" for archives without a SEARCHPATH entry */
} PdRestoreShared;

/* Item flags */
#define PD_ITEM_IGNORE_ERRORS 1 /* --clean's DROPs: a failure is only a warning */
#define PD_ITEM_FRESH_TABLE 2   /* table data whose table this restore created: TRUNCATE + COPY FREEZE */
#define PD_ITEM_RUNS_ALONE 4    /* nothing else waits or is to come: an index build may use parallel helpers */
#define PD_ITEM_LINE_RANGE 8    /* the data range is of uncompressed offsets: the lines beginning in it */

/* Worker -> leader: each entry's result in a batch's reply. */
#define PD_REPLY_DONE 'D'
#define PD_REPLY_FAILED 'F'

extern "C" PGDLLEXPORT void pd_restore_worker_main(Datum main_arg);

/* One item as the leader sends it: a fixed head, then the strings. */
typedef struct PdRestoreItemHead {
    int32 item;
    int32 work;  /* pd::RestoreWork */
    int32 flags;
    int32 dump_id;
    /* table data: the piece [range_start, range_end) of the file; range_end 0 = all of it */
    int64 range_start;
    int64 range_end;
} PdRestoreItemHead;

/*
 * sql, owner sql, copy statement, data file, tablespace, table AM, the
 * entry's schema when the archive has no SEARCHPATH entry (the worker then
 * sets search_path to it, as pg_restore does), and the entry's name for
 * errors ("TOC entry 5; TABLE public t").  The leader has converted every
 * string to the server encoding and validated it.
 */
#define PD_ITEM_STRINGS 8
#define PD_ITEM_LABEL 7

extern void pd_restore_item_pack(StringInfo buf, const PdRestoreItemHead *head, const char *const strings[PD_ITEM_STRINGS]);
/* Fills head and strings (NULL where absent); false if the message is malformed. */
extern bool pd_restore_item_unpack(const char *data, Size len, PdRestoreItemHead *head, char *strings[PD_ITEM_STRINGS]);

/*
 * A batch: int32 count, then each item as int32 length + packed item.  The
 * leader starts one with pd_restore_batch_begin, appends packed items with
 * pd_restore_batch_add and sends buf as it is.
 */
extern void pd_restore_batch_begin(StringInfo buf);
extern void pd_restore_batch_add(StringInfo buf, const PdRestoreItemHead *head,
                                 const char *const strings[PD_ITEM_STRINGS]);
extern int32 pd_restore_batch_count(const char *data, Size len);
/* The i-th item's bytes (i from 0, in order: *pos carries the position); false if malformed. */
extern bool pd_restore_batch_next(const char *data, Size len, Size *pos, const char **item, Size *item_len);

/* A reply: per entry, char result, int32 item, int32 message length, message. */
extern void pd_restore_reply_add(StringInfo buf, char result, int32 item, const char *message);
/* The next result of a reply (message palloc'd, NULL when none); false at its end, ERROR if malformed. */
extern bool pd_restore_reply_next(const char *data, Size len, Size *pos, char *result, int32 *item, char **message);
