/*
 * Writes one table's rows as a pg_dump data file: COPY TEXT, compressed as
 * a sequence of gzip members (or plain for compression 0), ending with the
 * "\." trailer, fsynced.  Used by workers and, as fallback, by the leader.
 */
#pragma once

#include "data_file.h"
#include "pg_includes.h"

/*
 * The caller holds a lock on relid; rows are those visible to snapshot, in
 * physical order (no synchronized scan, as pg_dump's COPY).  The table must
 * still be as the snapshot saw it (table_check.h); errors name it by label.
 * *created is set once the file exists (see pd_data_file_open).
 */
extern uint64 pd_write_table_data(Oid relid, const char *label, int expected_ncols, const char *path,
                                  int compression, Snapshot snapshot, uint64 *file_bytes, volatile bool *created);

/*
 * Blocks [start, end) of a table's main fork; end InvalidBlockNumber means
 * to the end of the table, however long it is when it is read.
 */
typedef struct PdBlockRange {
    BlockNumber start;
    BlockNumber end;
} PdBlockRange;

/*
 * Limits a heap scan not yet begun to range (an ERROR naming label for
 * another access method); false when no block of it is left.
 */
extern bool pd_limit_scan(Relation rel, TableScanDesc scan, const PdBlockRange *range, const char *label);

/*
 * The same for the rows in range only (a heap table's), written as a piece
 * of the table's file (table_pieces.h): the "\." trailer only in the range
 * that goes to the end.  range NULL: the whole table, as above.
 */
extern uint64 pd_write_table_range(Oid relid, const char *label, int expected_ncols, const char *path,
                                   int compression, Snapshot snapshot, const PdBlockRange *range,
                                   uint64 *file_bytes, volatile bool *created);

/* An extension configuration table's rows, through its filter condition, under the active snapshot. */
extern uint64 pd_write_filtered_data(Oid relid, const char *label, int expected_ncols, const char *path,
                                     int compression, uint64 *file_bytes, volatile bool *created);

/*
 * The rows alone (no trailer) into an open data file or sink, as the
 * writers above write them (those of range only, when given): pd_mirror
 * sends them to the target's COPY.
 */
extern uint64 pd_table_rows_to(PdDataFile *f, Oid relid, const char *label, int expected_ncols, Snapshot snapshot,
                               const PdBlockRange *range = NULL);
extern uint64 pd_filtered_rows_to(PdDataFile *f, Oid relid, const char *label, int expected_ncols);

/* Opens the locked table (NoLock), checked against the snapshot (table_check.h); errors name it by label. */
extern Relation pd_open_table_as_in_snapshot(Oid relid, const char *label, Snapshot snapshot);

/*
 * The table still exists (an ERROR naming label if it was dropped), and the
 * SELECT privilege and row-security checks pg_dump's COPY would make.
 */
extern void pd_check_table_readable(Oid relid, const char *label);

/* "<dir>/<dump_id>.dat[.gz]" */
extern char *pd_data_file_path(const char *directory, int dump_id, int compression);
