/*
 * A restore worker's fast path for large objects' metadata: pg_dump 15's
 * exact BLOB entry text and pd_restore's owner statement after it,
 * performed through the server's own functions (see restore_blobs.cpp).
 */
#pragma once

#include "pg_includes.h"

/* True when sql was one of those statements and was performed; false: run it through SPI. */
extern bool pd_restore_blob_sql(const char *sql);

/*
 * Asks the kernel to read ahead the files named by the blobs.toc lines
 * that start in data[0, len) (data at offset of blobs.toc) at an offset in
 * [range_start, range_end), so that their reads wait on one deep queue of
 * I/O instead of a random read each; a name it cannot open is left to
 * the load, which reports it.
 */
extern void pd_prefetch_blob_files(const char *directory, const char *data, size_t len, int64 offset,
                                   int64 range_start, int64 range_end);
