/*
 * Live progress of pd_dump, pd_restore (and pd_mirror): a small registry in
 * the main shared memory segment, created on first use from any backend
 * (no shared_preload_libraries), read by the pd_progress and
 * pd_progress_workers views.  Every call is cheap and never raises an
 * ERROR about the registry itself: without room for it (see README,
 * Progress) a run goes on unregistered, after one WARNING.
 *
 * Leader, in the SQL function that runs the command:
 *     pd_progress_begin("pd_dump", path, jobs, 0, 0);     phase 'catalog'
 *     pd_progress_totals(items, bytes);                   once planned
 *     pd_progress_set_workers(pd_pool_start(pool));       the workers that run
 *     pd_progress_phase(PD_PHASE_DATA);  ...POST_DATA, FINISHING
 *     pd_progress_item_done();   or pd_progress_set_items_done(n)
 *     pd_progress_end(true);     success: a NOTICE sums the run up
 *     pd_progress_end(false);    in the error path (an exit callback and the
 *                                end of the transaction also end the run)
 * A worker, once connected: pd_progress_worker_attach(&w); its slot is
 * freed when it exits, however it exits.
 * Whoever does the work (a worker, or the leader itself), per item:
 *     pd_progress_work_begin(label);  pd_progress_work_add / _set per batch
 *     of rows (never per row);  pd_progress_work_end().
 * "bytes" are the table data an item reads: the table's size on disk for
 * pd_dump, the data file's uncompressed COPY text for pd_restore; the
 * totals are estimated from the same sizes before the data phase.
 */
#pragma once

#include "pg_includes.h"
#include "worker_pool.h"

typedef enum PdProgressPhase {
    PD_PHASE_CATALOG = 0,
    PD_PHASE_DATA,
    PD_PHASE_POST_DATA,
    PD_PHASE_FINISHING
} PdProgressPhase;

/* Leader side.  command: "pd_dump", "pd_restore", "pd_mirror"; target: path or database. */
extern void pd_progress_begin(const char *command, const char *target, int workers, int64 items_total,
                              int64 bytes_total);
extern void pd_progress_totals(int64 items_total, int64 bytes_total);
/* Returns workers, so that it can wrap pd_pool_start. */
extern int pd_progress_set_workers(int workers);
extern void pd_progress_phase(PdProgressPhase phase);
extern void pd_progress_item_done(void);
extern void pd_progress_set_items_done(int64 items_done);
/* Ends this backend's run (no-op without one); success adds the summary NOTICE. */
extern void pd_progress_end(bool success);

/* Worker side: joins the run of the pool's leader. */
extern void pd_progress_worker_attach(const PdPoolWorker *w);

/* The work of whichever process calls them (a worker's slot, or the leader's own). */
extern void pd_progress_work_begin(const char *item);
extern void pd_progress_work_add(uint64 rows, uint64 bytes);
extern void pd_progress_work_set(uint64 rows, uint64 bytes); /* of the current item, so far */
extern void pd_progress_work_end(void);

/* pd_dump's table scan: every 1024 rows, the rows and the bytes of the table scanned so far. */
extern void pd_progress_scan_report(uint64 rows, TableScanDesc scan);
static inline void pd_progress_scan_tick(uint64 rows, TableScanDesc scan) {
    if ((rows & 1023) == 0)
        pd_progress_scan_report(rows, scan);
}
/* A table's data is written (the table still locked): its size on disk, as the estimate counts it. */
extern void pd_progress_table_done(Oid relid, uint64 rows);
/* A table's scan has ended (call before table_endscan): a whole table counts as table_done, a piece its blocks read. */
extern void pd_progress_scan_end(Oid relid, uint64 rows, TableScanDesc scan, bool piece);

/* pd_restore's COPY: n bytes of data read (the rows come from COPY's own progress counter). */
extern void pd_progress_copy_read(size_t n);
/* CopyFrom's result, passed through: the rows of one COPY. */
extern uint64 pd_progress_copy_done(uint64 rows);
