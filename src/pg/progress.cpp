/*
 * The writers' side of the progress registry (progress.h): a leader's run
 * slot, a worker's slot, and the figures of the item in hand.  Nothing here
 * raises an ERROR: without a registry, or without a free slot, the calls
 * do nothing (a worker without a slot still adds its figures to its run).
 */
#include "progress.h"

#include "progress_registry.h"

extern "C" {
#include "access/heapam.h"
#include "commands/progress.h"
#include "storage/bufmgr.h"
#include "storage/procarray.h"
#include "utils/backend_status.h"
}

namespace {

/* A leader's run in this backend. */
PdRunSlot *my_run = NULL;
uint64 my_run_id = 0;
SubTransactionId my_subxact = InvalidSubTransactionId;

/* A worker's run (it may have no slot of its own). */
PdRunSlot *worker_run = NULL;
uint64 worker_run_id = 0;

/* Where this process's work is shown: its worker slot, or its run's leader slot. */
PdWorkSlot *my_work = NULL;

/* The current item's figures in this process, and what a worker without a slot has added of them. */
uint64 cur_rows = 0, cur_bytes = 0;
uint64 added_rows = 0, added_bytes = 0;
uint64 copy_rows = 0; /* rows of the finished COPYs of the current item */

void clip(char *dst, const char *src, int size) {
    int len = src ? (int) strlen(src) : 0;
    if (len >= size)
        len = pg_mbcliplen(src, len, size - 1);
    memcpy(dst, src ? src : "", len);
    dst[len] = '\0';
}

bool alive(int pid) { return pid != 0 && BackendPidGetProc(pid) != NULL; }

void publish(void) {
    if (my_work != NULL) {
        PD_SLOT_BEGIN_WRITE(my_work);
        my_work->item_rows = cur_rows;
        my_work->item_bytes = cur_bytes;
        PD_SLOT_END_WRITE(my_work);
    } else if (worker_run != NULL && worker_run->run_id == worker_run_id) {
        pg_atomic_fetch_add_u64(&worker_run->extra_rows, cur_rows - added_rows);
        pg_atomic_fetch_add_u64(&worker_run->extra_bytes, cur_bytes - added_bytes);
        added_rows = cur_rows;
        added_bytes = cur_bytes;
    }
}

/* The item in hand is finished: its figures join the slot's. */
void finish_item(void) {
    if (my_work != NULL) {
        PD_SLOT_BEGIN_WRITE(my_work);
        my_work->rows += cur_rows;
        my_work->bytes += cur_bytes;
        if (my_work->item[0] != '\0')
            my_work->items++;
        my_work->item_rows = 0;
        my_work->item_bytes = 0;
        my_work->item[0] = '\0';
        PD_SLOT_END_WRITE(my_work);
    }
    cur_rows = cur_bytes = added_rows = added_bytes = copy_rows = 0;
}

void free_run(PdProgressRegistry *reg) {
    LWLockAcquire(&reg->lock, LW_EXCLUSIVE);
    if (my_run->run_id == my_run_id) {
        PD_SLOT_BEGIN_WRITE(&my_run->leader);
        my_run->leader.run_id = 0;
        PD_SLOT_END_WRITE(&my_run->leader);
        PD_SLOT_BEGIN_WRITE(my_run);
        my_run->run_id = 0;
        my_run->pid = 0;
        PD_SLOT_END_WRITE(my_run);
    }
    LWLockRelease(&reg->lock);
    my_run = NULL;
    my_run_id = 0;
    my_work = NULL;
    cur_rows = cur_bytes = added_rows = added_bytes = copy_rows = 0;
}

/* The run's figures, for the summary: the leader's own work, its workers', and the folded ones. */
void run_totals(PdProgressRegistry *reg, uint64 *rows, uint64 *bytes) {
    LWLockAcquire(&reg->lock, LW_SHARED);
    *rows = my_run->leader.rows + my_run->leader.item_rows + pg_atomic_read_u64(&my_run->extra_rows);
    *bytes = my_run->leader.bytes + my_run->leader.item_bytes + pg_atomic_read_u64(&my_run->extra_bytes);
    for (int i = 0; i < PD_PROGRESS_MAX_WORKERS; i++) {
        PdWorkSlot w;
        if (pd_slot_copy(&reg->workers[i], &w, sizeof w) && w.run_id == my_run_id) {
            *rows += w.rows + w.item_rows;
            *bytes += w.bytes + w.item_bytes;
        }
    }
    LWLockRelease(&reg->lock);
}

void leader_exit(int, Datum) { pd_progress_end(false); }

void leader_xact_end(XactEvent event, void *) {
    if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_COMMIT)
        pd_progress_end(false);
}

void leader_subxact_end(SubXactEvent event, SubTransactionId subid, SubTransactionId, void *) {
    if (event == SUBXACT_EVENT_ABORT_SUB && subid == my_subxact)
        pd_progress_end(false);
}

/* A worker's slot is freed when it exits, its figures folded into its run. */
void worker_exit(int, Datum) {
    PdProgressRegistry *reg = pd_progress_registry(PD_REGISTRY_QUIET);
    if (reg == NULL || my_work == NULL)
        return;
    LWLockAcquire(&reg->lock, LW_EXCLUSIVE);
    if (worker_run->run_id == worker_run_id) {
        pg_atomic_fetch_add_u64(&worker_run->extra_rows, my_work->rows + my_work->item_rows);
        pg_atomic_fetch_add_u64(&worker_run->extra_bytes, my_work->bytes + my_work->item_bytes);
    }
    PD_SLOT_BEGIN_WRITE(my_work);
    my_work->run_id = 0;
    my_work->pid = 0;
    PD_SLOT_END_WRITE(my_work);
    LWLockRelease(&reg->lock);
    my_work = NULL;
}

PdRunSlot *free_run_slot(PdProgressRegistry *reg) {
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < PD_PROGRESS_MAX_RUNS; i++) {
            PdRunSlot *r = &reg->runs[i];
            if (r->run_id == 0 || (pass == 1 && !alive(r->pid)))
                return r;
        }
    return NULL;
}

PdWorkSlot *free_work_slot(PdProgressRegistry *reg) {
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < PD_PROGRESS_MAX_WORKERS; i++) {
            PdWorkSlot *w = &reg->workers[i];
            if (w->run_id == 0 || (pass == 1 && !alive(w->pid)))
                return w;
        }
    return NULL;
}

void init_work_slot(PdWorkSlot *w, uint64 run_id, int index) {
    PD_SLOT_BEGIN_WRITE(w);
    w->run_id = run_id;
    w->pid = MyProcPid;
    w->index = index;
    w->item[0] = '\0';
    w->item_rows = w->item_bytes = w->rows = w->bytes = 0;
    w->items = 0;
    PD_SLOT_END_WRITE(w);
}

} // namespace

void pd_progress_begin(const char *command, const char *target, int workers, int64 items_total,
                       int64 bytes_total) {
    static bool callbacks = false;
    if (my_run != NULL)
        pd_progress_end(false);
    PdProgressRegistry *reg = pd_progress_registry(PD_REGISTRY_RUN);
    if (reg == NULL)
        return;
    if (!callbacks) {
        before_shmem_exit(leader_exit, (Datum) 0);
        RegisterXactCallback(leader_xact_end, NULL);
        RegisterSubXactCallback(leader_subxact_end, NULL);
        callbacks = true;
    }
    char cmd[PD_PROGRESS_COMMAND_LEN], tgt[PD_PROGRESS_TARGET_LEN];
    clip(cmd, command, sizeof cmd);
    clip(tgt, target, sizeof tgt);
    TimestampTz now = GetCurrentTimestamp();
    LWLockAcquire(&reg->lock, LW_EXCLUSIVE);
    PdRunSlot *r = free_run_slot(reg);
    if (r != NULL) {
        uint64 id = reg->next_run_id++;
        PD_SLOT_BEGIN_WRITE(r);
        r->run_id = id;
        r->pid = MyProcPid;
        r->userid = GetUserId();
        r->dbid = MyDatabaseId;
        memcpy(r->command, cmd, sizeof cmd);
        memcpy(r->target, tgt, sizeof tgt);
        r->phase = PD_PHASE_CATALOG;
        r->workers = workers;
        r->items_done = 0;
        r->items_total = items_total;
        r->bytes_total = bytes_total;
        r->started = now;
        r->data_started = 0;
        pg_atomic_write_u64(&r->extra_rows, 0);
        pg_atomic_write_u64(&r->extra_bytes, 0);
        PD_SLOT_END_WRITE(r);
        init_work_slot(&r->leader, id, -1);
        my_run = r;
        my_run_id = id;
        my_work = &r->leader;
        my_subxact = GetCurrentSubTransactionId();
        cur_rows = cur_bytes = added_rows = added_bytes = copy_rows = 0;
    }
    LWLockRelease(&reg->lock);
    if (r == NULL)
        ereport(WARNING, (errmsg("parallel_dump: more than %d runs at once; this one is not shown in pd_progress",
                                 PD_PROGRESS_MAX_RUNS)));
}

void pd_progress_totals(int64 items_total, int64 bytes_total) {
    if (my_run == NULL)
        return;
    PD_SLOT_BEGIN_WRITE(my_run);
    my_run->items_total = items_total;
    my_run->bytes_total = bytes_total;
    PD_SLOT_END_WRITE(my_run);
}

int pd_progress_set_workers(int workers) {
    if (my_run != NULL) {
        PD_SLOT_BEGIN_WRITE(my_run);
        my_run->workers = workers;
        PD_SLOT_END_WRITE(my_run);
    }
    return workers;
}

void pd_progress_phase(PdProgressPhase phase) {
    if (my_run == NULL)
        return;
    TimestampTz now = GetCurrentTimestamp();
    PD_SLOT_BEGIN_WRITE(my_run);
    my_run->phase = phase;
    if (phase == PD_PHASE_DATA)
        my_run->data_started = now;
    PD_SLOT_END_WRITE(my_run);
}

void pd_progress_item_done(void) {
    if (my_run == NULL)
        return;
    PD_SLOT_BEGIN_WRITE(my_run);
    my_run->items_done++;
    PD_SLOT_END_WRITE(my_run);
}

void pd_progress_set_items_done(int64 items_done) {
    if (my_run == NULL)
        return;
    PD_SLOT_BEGIN_WRITE(my_run);
    my_run->items_done = items_done;
    PD_SLOT_END_WRITE(my_run);
}

void pd_progress_end(bool success) {
    if (my_run == NULL)
        return;
    PdProgressRegistry *reg = pd_progress_registry(PD_REGISTRY_QUIET);
    uint64 rows = 0, bytes = 0;
    int64 items = my_run->items_done, total = my_run->items_total;
    char command[PD_PROGRESS_COMMAND_LEN];
    memcpy(command, my_run->command, sizeof command);
    long ms = TimestampDifferenceMilliseconds(my_run->started, GetCurrentTimestamp());
    if (success)
        run_totals(reg, &rows, &bytes);
    free_run(reg);
    if (success)
        ereport(NOTICE, (errmsg("%s: %lld of %lld items, " UINT64_FORMAT " rows, " UINT64_FORMAT
                                " bytes of table data in %.1f s",
                                command, (long long) items, (long long) total, rows, bytes, ms / 1000.0)));
}

void pd_progress_worker_attach(const PdPoolWorker *w) {
    PdProgressRegistry *reg = pd_progress_registry(PD_REGISTRY_QUIET);
    if (reg == NULL || w->leader_proc == NULL)
        return;
    int leader_pid = w->leader_proc->pid;
    LWLockAcquire(&reg->lock, LW_EXCLUSIVE);
    for (int i = 0; i < PD_PROGRESS_MAX_RUNS && worker_run == NULL; i++)
        if (reg->runs[i].run_id != 0 && reg->runs[i].pid == leader_pid) {
            worker_run = &reg->runs[i];
            worker_run_id = reg->runs[i].run_id;
        }
    if (worker_run != NULL) {
        my_work = free_work_slot(reg);
        if (my_work != NULL)
            init_work_slot(my_work, worker_run_id, w->index);
    }
    LWLockRelease(&reg->lock);
    if (my_work != NULL)
        before_shmem_exit(worker_exit, (Datum) 0);
}

void pd_progress_work_begin(const char *item) {
    if (cur_rows != 0 || cur_bytes != 0 || (my_work != NULL && my_work->item[0] != '\0'))
        finish_item(); /* the one before failed (and was rolled back): what it did still counts */
    if (my_work == NULL)
        return;
    char label[PD_PROGRESS_ITEM_LEN];
    clip(label, item, sizeof label);
    PD_SLOT_BEGIN_WRITE(my_work);
    memcpy(my_work->item, label, sizeof label);
    PD_SLOT_END_WRITE(my_work);
}

void pd_progress_work_add(uint64 rows, uint64 bytes) {
    cur_rows += rows;
    cur_bytes += bytes;
    publish();
}

void pd_progress_work_set(uint64 rows, uint64 bytes) {
    /* never backwards: what a reader saw stays counted */
    cur_rows = Max(cur_rows, rows);
    cur_bytes = Max(cur_bytes, bytes);
    publish();
}

void pd_progress_work_end(void) { finish_item(); }

void pd_progress_scan_report(uint64 rows, TableScanDesc scan) {
    if (my_work == NULL && worker_run == NULL)
        return;
    uint64 bytes = 0;
    /*
     * Heap scans say which block they are in; the blocks from where the
     * scan began to it are read (a scan without syncscan, so no wrap: a
     * piece of a split table begins at its range's first block).
     */
    if (scan->rs_rd->rd_tableam == GetHeapamTableAmRoutine()) {
        HeapScanDesc hs = (HeapScanDesc) scan;
        if (hs->rs_inited && BlockNumberIsValid(hs->rs_cblock) && hs->rs_cblock >= hs->rs_startblock)
            bytes = (uint64) (hs->rs_cblock - hs->rs_startblock + 1) * BLCKSZ;
    }
    pd_progress_work_set(rows, bytes);
}

void pd_progress_table_done(Oid relid, uint64 rows) {
    if (my_work == NULL && worker_run == NULL)
        return;
    /* as the estimate counts it: the table's main fork and its TOAST table's */
    Relation rel = relation_open(relid, NoLock);
    uint64 bytes = (uint64) RelationGetNumberOfBlocks(rel) * BLCKSZ;
    Oid toast = rel->rd_rel->reltoastrelid;
    relation_close(rel, NoLock);
    /* no lock of its own: the table's lock keeps its TOAST table, and a worker holds no more locks than that */
    if (OidIsValid(toast)) {
        Relation t = RelationIdGetRelation(toast);
        if (RelationIsValid(t)) {
            bytes += (uint64) RelationGetNumberOfBlocks(t) * BLCKSZ;
            RelationClose(t);
        }
    }
    pd_progress_work_set(rows, bytes);
    finish_item();
}

void pd_progress_scan_end(Oid relid, uint64 rows, TableScanDesc scan, bool piece) {
    if (!piece) {
        pd_progress_table_done(relid, rows);
        return;
    }
    pd_progress_scan_report(rows, scan);
    pd_progress_work_end();
}

void pd_progress_copy_read(size_t n) {
    if (my_work == NULL && worker_run == NULL)
        return;
    uint64 rows = copy_rows;
    /* COPY FROM counts its rows in this backend's own progress parameters */
    if (MyBEEntry != NULL && MyBEEntry->st_progress_command == PROGRESS_COMMAND_COPY)
        rows += (uint64) MyBEEntry->st_progress_param[PROGRESS_COPY_TUPLES_PROCESSED];
    cur_bytes += n;
    cur_rows = Max(cur_rows, rows);
    publish();
}

uint64 pd_progress_copy_done(uint64 rows) {
    copy_rows += rows;
    cur_rows = Max(cur_rows, copy_rows);
    publish();
    return rows;
}
