/*
 * One big table read by several workers into its one data file.  A table
 * above its fair share of the data (pure/table_ranges.h) becomes pieces,
 * block ranges that are work items of their own; piece 0 writes the table's
 * data file, piece k > 0 a temporary file "<dump_id>.dat.part<k>" beside
 * it.  As the pieces finish, the leader appends each temporary file, in
 * block order, to the table's file and removes it, so that the file is the
 * gzip members (or COPY text) of the pieces one after the other: rows in
 * physical order, one TOC entry, as stock pg_restore reads it.  The table's
 * own work item then depends on its pieces; when it becomes ready the
 * leader fsyncs the file (the pieces are not fsynced).  The leader hashes
 * the file for the manifest as the pieces join it (and starts their
 * write-back), so that nothing reads the whole file once it is complete:
 * that took half a second at the end of the dump of a 140 MB file while
 * both workers idled.
 */
#pragma once

#include "../pure/dump_plan.h"
#include "pg_includes.h"
#include "table_data.h"

typedef struct PdPiece {
    int table_item; /* the plan's data item */
    int number;     /* 0, 1, ... in block order */
    PdBlockRange range;
} PdPiece;

/*
 * Work ids: 0 .. nitems-1 are the plan's data items (a split table's is its
 * "join"), then every piece.
 */
typedef struct PdTablePieces {
    int nitems;
    int nids;
    PdPiece *pieces; /* [nids - nitems] */
    int *first;      /* per item: the id of its first piece, -1 when dumped whole */
    int *count;      /* per item: how many pieces */
    int *appended;   /* per item: pieces in its data file so far */
    bool *written;   /* per id: the piece's file is complete */
    /* per item: the SHA-256 of its data file so far (manifest), and how many bytes that is */
    PdSha256 *sha;
    uint64 *hashed;
    /* what the appending cost (DEBUG1 at the end of each table) */
    uint64 append_bytes;
    int64 append_us;
    double append_cpu; /* the leader's CPU seconds in the appends */
    int64 hash_us;     /* hashing the first pieces (the others are hashed as they are appended) */
} PdTablePieces;

/*
 * Cuts the tables that need it (jobs workers, parallel_dump.dump_split_size)
 * and adds every work id, in order, to scheduler.  In TopTransactionContext.
 */
extern PdTablePieces *pd_plan_table_pieces(const pd::DataItem *items, int nitems, int jobs,
                                           pd::WorkScheduler *scheduler);

/* The plan item whose data file work id id writes. */
extern int pd_piece_table_item(const PdTablePieces *p, int id);
/* The piece work id id is, or NULL. */
extern const PdPiece *pd_piece_of(const PdTablePieces *p, int id);
/* Whether id is a split table's own item (ready once its pieces are all written). */
extern bool pd_piece_is_join(const PdTablePieces *p, int id);

/* "<dump_id>.dat.part<number>", the temporary file of piece number > 0 (never raises an ERROR). */
extern void pd_piece_file_name(char *buf, size_t size, int dump_id, int number);
/* Where piece number writes: the table's data file for 0, else "<dir>/<dump_id>.dat.part<number>". */
extern char *pd_piece_path(const char *directory, int dump_id, int number, int compression);

/*
 * Piece id is written: appends it, and every written piece after it, to its
 * table's file once all pieces before it are there; clears created[] of
 * each temporary file it removes.
 */
extern void pd_piece_written(PdTablePieces *p, int id, const pd::DataItem *items, const char *directory,
                             int compression, volatile bool *created);

/* The join of a split table: every piece is in its file; fsyncs it. */
extern void pd_piece_finish_table(PdTablePieces *p, int id, const pd::DataItem *items, const char *directory,
                                  int compression);
