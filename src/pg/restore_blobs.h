/*
 * A restore worker's fast path for large objects' metadata: pg_dump 15's
 * exact BLOB entry text and pd_restore's owner statement after it,
 * performed through the server's own functions (see restore_blobs.cpp).
 */
#pragma once

#include "pg_includes.h"

/* True when sql was one of those statements and was performed; false: run it through SPI. */
extern bool pd_restore_blob_sql(const char *sql);
