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

/* Returns the number of large objects written; the active snapshot decides. */
extern uint64 pd_write_blobs(const char *directory, int compression, uint64 *file_bytes, PdBlobFiles *created);
