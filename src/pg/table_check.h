/*
 * Whether a table, locked now, can still be read as the dump's snapshot saw
 * it.  pd_dump locks every table up front only when they fit comfortably in
 * the lock table; otherwise each table is locked when its data is dumped,
 * and another session may have changed it since the snapshot was taken.
 */
#pragma once

#include "pg_includes.h"

/*
 * The caller holds a lock on rel.  Raises an ERROR naming label unless the
 * table's storage (relfilenode) and its columns (count, types, dropped and
 * generated ones) are those of the snapshot: a TRUNCATE, a rewriting ALTER
 * TABLE or an added, dropped or retyped column since then would make the
 * snapshot's rows unreadable or read them under the wrong definition.
 */
extern void pd_check_table_as_in_snapshot(Relation rel, Snapshot snapshot, const char *label);

/* The hint of every "changed while the dump ran" error. */
#define PD_CHANGED_TABLE_HINT \
    "Run the dump again, at a time without schema changes; see \"How it works\" in parallel_dump's README."
