/*
 * pd_mirror's leader, once pd_dump's leader has planned under its snapshot:
 * the dump's entries become a restore plan (pg_restore -j's phases and
 * dependencies), pre-data runs on the leader's own target connection, data
 * and post-data on the workers' (each table's rows from a scan under the
 * shared snapshot), then privileges and refreshes on the leader's again.
 */
#pragma once

#include "remote_conn.h"
#include "worker_pool.h"

namespace pd {
class DumpPlan;
}
struct PdTablePieces;

typedef struct PdMirrorRun {
    const char *conninfo;
    int jobs;
    bool data_only;
    bool no_owner;
    bool load_via_partition_root;
    bool no_privileges;
    bool no_comments;
    const char *created_db; /* create_database: the database this call created, else NULL */
    PdRemote leader; /* connected by the caller, before the dump began */
    PdPool *pool;    /* terminated by the caller on an error */
    /* the result */
    int64 entries;
    int64 tables;
    int64 rows;
    int64 blobs;
} PdMirrorRun;

/*
 * Called by the dump leader in place of writing an archive (dump_leader.cpp),
 * with the block ranges it cut the big tables into (table_pieces.h).
 */
extern void pd_mirror_run_plan(PdMirrorRun *m, pd::DumpPlan *plan, Snapshot snapshot, bool lock_each_table,
                               const struct PdTablePieces *pieces);
