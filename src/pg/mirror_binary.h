/*
 * COPY BINARY rows for pd_mirror: the columns' send functions' bytes, which
 * the target's receive functions read without parsing text.  Only between
 * servers of the same major version and encoding, and for tables whose every
 * column is of a built-in type with send and receive functions (see
 * pd_mirror_binary_ok): text COPY otherwise.
 */
#pragma once

#include "data_file.h"
#include "remote_conn.h"
#include "table_data.h"

/* The rule: same major version, same server encoding, every copied column of a built-in type. */
extern bool pd_mirror_binary_ok(PdRemote *target, Oid relid);
/* Header, rows (of range only, when given) and trailer of COPY BINARY into f; returns the rows. */
extern uint64 pd_table_binary_rows_to(PdDataFile *f, Oid relid, const char *label, int expected_ncols,
                                      Snapshot snapshot, const PdBlockRange *range);
