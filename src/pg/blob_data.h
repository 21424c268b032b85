/*
 * Writes the contents of every large object visible to the snapshot:
 * blobs.toc ("<oid> blob_<oid>.dat" per line) and one blob_<oid>.dat[.gz]
 * per object, as pg_dump's BLOBS entry does.  Reading an object needs
 * SELECT on it, as lo_open would.
 */
#pragma once

#include "pg_includes.h"

/* Returns the number of large objects written; the active snapshot decides. */
extern uint64 pd_write_blobs(const char *directory, int compression, uint64 *file_bytes);
