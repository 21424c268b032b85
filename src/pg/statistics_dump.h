/*
 * pd_dump(..., statistics => true): the optimizer statistics of the dumped
 * tables the caller may ANALYZE, written by the leader under the dump's
 * snapshot into the archive's statistics file (statistics_format.h), which
 * stock pg_restore ignores and the manifest lists.
 */
#pragma once

#include "catalog_reader.h"
#include "pg_includes.h"

/*
 * Writes dir/statistics.dat (.gz unless compression is 0) with the
 * selection's tables whose data is dumped.  *created is set once the file
 * exists.  The caller has pushed the dump's snapshot as the active one.
 */
extern void pd_dump_statistics(const char *dir, int compression, const PdSelection *selection, Snapshot snapshot,
                               volatile bool *created);
/* Best effort, never an ERROR: removes the file a failed dump wrote. */
extern void pd_remove_statistics_file(const char *dir, int compression);
