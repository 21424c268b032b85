/*
 * pd_mirror's unit of work on one target connection, the same in a worker
 * and in the leader: run an entry's SQL, copy a table's rows under the
 * snapshot into the target's COPY, or copy every large object's contents.
 */
#pragma once

#include "mirror_shared.h"
#include "remote_conn.h"

/*
 * Runs item (its text follows the head: prefix then sql, not terminated).
 * The caller holds the table's lock for a COPY.  Returns rows copied.
 */
extern uint64 pd_mirror_run_item(PdRemote *target, const PdMirrorItem *item, const char *text, Snapshot snapshot);
