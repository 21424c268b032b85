/*
 * Writes the contents of every large object visible to the snapshot:
 * blobs.toc ("<oid> blob_<oid>.dat" per line) and one blob_<oid>.dat[.gz]
 * per object, as pg_dump's BLOBS entry does.  Reading an object needs
 * SELECT on it, as lo_open would.  Objects stream in 64 kB reads, and
 * each one's memory is freed before the next, however many there are.
 */
#pragma once

#include "pg_includes.h"

/*
 * What the writer has created, for the cleanup of a failed dump: objects
 * are written in ascending OID order, each file created exclusively, so
 * every blob_<oid> file with oid <= last_blob was made by this dump.
 */
typedef struct PdBlobFiles {
    volatile bool toc_created;
    volatile bool any_blob;
    volatile Oid last_blob;
} PdBlobFiles;

/* parallel_dump.blob_sync_method (PGC_SIGHUP: the workers that write see it) */
enum { PD_BLOB_SYNC_FSYNC, PD_BLOB_SYNC_SYNCFS };
extern int pd_blob_sync_method;
extern void pd_blob_define_setting(void);

/* Returns the number of large objects written; the active snapshot decides. */
extern uint64 pd_write_blobs(const char *directory, int compression, uint64 *file_bytes, PdBlobFiles *created);

/*
 * Every large object visible to the active snapshot, in OID order:
 * visit(oid, arg) each in a memory context reset after it (shared with
 * pd_mirror, which sends the contents to its target instead).
 */
typedef void (*PdBlobVisitor)(Oid oid, void *arg);
extern uint64 pd_for_each_blob(PdBlobVisitor visit, void *arg);
/* One object's contents in 64 kB reads (SELECT on it needed, as lo_open): piece(data, len, arg) each. */
typedef void (*PdBlobPiece)(const char *data, int len, void *arg);
extern void pd_read_blob(Oid oid, PdBlobPiece piece, void *arg);
