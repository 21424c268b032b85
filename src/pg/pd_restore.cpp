/*
 * pd_restore(path, dbname, jobs, ...): restores a directory archive (ours or
 * pg_dump 15's) into an existing database of this cluster, as pg_restore -j
 * would: the leader plans from the TOC and hands entries to workers that are
 * connected to the target database as the calling role.
 */
#include "../pure/data_split.h"
#include "../pure/entry_source.h"
#include "../pure/dump_plan.h"
#include "../pure/restore_plan.h"
#include "archive_reader.h"
#include "cxx_guard.h"
#include "fast_input.h"
#include "file_privileges.h"
#include "memory_report.h"
#include "module_settings.h"
#include "owner_sql.h"
#include "progress.h"
#include "progress_plans.h"
#include "restore_protocol.h"
#include "restore_target.h"
#include "restore_timing.h"
#include "spill_heap_file.h"
#include "statistics_restore.h"
#include "text_spill.h"
#include "worker_pool.h"

extern "C" {
#include "access/xlog.h"
#include "access/xlog_internal.h"
#include "replication/syncrep.h"
#include "common/string.h"
#include "utils/array.h"
PG_FUNCTION_INFO_V1(pd_restore);
}

namespace {

const int kMaxJobs = 1024;

/* Entries read back from the store stay valid until this many more are read (see entry_at). */
const int kEntrySlots = 8;

/* Lives in TopTransactionContext; the C++ objects are freed on every path. */
typedef struct RestoreState {
    /*
     * The archive's entries, in a temporary file (spill) with a record of
     * each in the spill heap (heap), as the plan, the scheduler and their
     * per-item state: the leader's memory stays flat however many entries.
     */
    BufFile *spill;
    pd::TextStore *texts;
    PdSpillHeap *heap;
    pd::StoredEntries *entries;
    pd::TocEntry *slots; /* kEntrySlots entries read back, the oldest reused */
    int next_slot;
    pd::TocEntry *work; /* the entry whose texts are being converted */
    PdArchiveToc *toc; /* kept open: its runs of large objects' entries are read again as they are restored */
    std::vector<pd::TocEntry> *streamed; /* a batch of a run's entries; item ids from plan size on */
    int encoding;
    pd::RestorePlan *plan;
    pd::WorkScheduler *scheduler;
    PdPool *pool;
    int *worker_item; /* per worker: the (first) plan item it runs, -1 when idle */
    int *worker_count; /* per worker: the items of its batch */
    int **worker_batch; /* per worker: its batch's items */
    bool cleaning;    /* the batches are --clean's DROPs: not counted */
    bool *piece_failed; /* per plan item: a piece of its data failed */
    bool *worker_piece; /* per worker: it loads a piece of a table (counted when all pieces are in) */
    int *sched_item;  /* per scheduler id: the plan item */
    /* per scheduler id: PIECE_WHOLE, PIECE_JOIN (all pieces loaded) or the piece's number */
    int *sched_piece;
    pd::ByteRange *sched_range; /* per scheduler id: the piece's bytes */
    const char *directory;
    bool exit_on_error;
    int restored;
    int failed;
    bool *succeeded;  /* per plan item */
    bool no_owner;
    bool clean_if_exists;
    bool entry_schemas; /* no SEARCHPATH entry: each entry runs with its schema as search_path */
    bool standard_conforming_strings; /* what STDSTRINGS says */
    char searchpath_sql[PD_RESTORE_MAX_SEARCHPATH]; /* the SEARCHPATH entry's statement */
    pd::spill_vector<long long> *sizes; /* per entry: its data file's size on disk */
    std::vector<pd::spill_vector<char>> *arrays; /* spill_alloc0's */
    /* what one entry's message or reply needs, reset after each: memory stays flat with the entries */
    MemoryContext entry_cxt;
} RestoreState;

void free_cxx(RestoreState *st) {
    delete st->entries;
    delete st->plan;
    delete st->scheduler;
    delete st->streamed;
    delete[] st->slots;
    delete st->work;
    delete st->texts;
    delete st->sizes;
    st->sizes = nullptr;
    delete st->arrays;
    st->arrays = nullptr;
    st->streamed = nullptr;
    st->entries = nullptr;
    st->plan = nullptr;
    st->scheduler = nullptr;
    st->slots = nullptr;
    st->work = nullptr;
    st->texts = nullptr;
    /* last: the containers above took their memory from it */
    pd_spill_heap_destroy(st->heap);
    st->heap = NULL;
}

/*
 * Entry index of the archive, read back from the store into one of
 * st->slots (owned by st, so that no C++ object of this frame outlives an
 * ERROR): valid until kEntrySlots more entries are read.
 */
const pd::TocEntry &entry_at(RestoreState *st, int index) {
    pd::TocEntry *slot = &st->slots[st->next_slot];
    st->next_slot = (st->next_slot + 1) % kEntrySlots;
    pd::cxx_call([&] { *slot = st->entries->at((size_t) index); });
    return *slot;
}

const pd::TocEntry &entry_of(RestoreState *st, int item) { return entry_at(st, st->plan->items()[item].entry); }

/*
 * count zeroed elements of size bytes in the spill heap, for the arrays of
 * one per item or scheduler id; freed with the restore's C++ state.
 */
void *spill_alloc0(RestoreState *st, size_t count, size_t size) {
    void *p = NULL;
    pd::cxx_call([&] {
        st->arrays->emplace_back(count * size + 1, 0);
        p = st->arrays->back().data();
    });
    return p;
}

/* The entry of an id in a batch: a plan item's, or one of a run's (see run_stream). */
const pd::TocEntry &batch_entry(RestoreState *st, int id) {
    int nitems = (int) st->plan->items().size();
    return id >= nitems ? (*st->streamed)[id - nitems] : entry_of(st, id);
}

const char *opt_cstr(const pd::OptString &s) { return s ? s->c_str() : NULL; }

/* pg_restore's ALTER ... OWNER TO after an ownable object's definition */
char *owner_sql(RestoreState *st, const pd::TocEntry &e) {
    if (st->no_owner || !e.owner || e.owner->empty())
        return NULL;
    /* objects stay the caller's unless it may give them to the archive's owner */
    Oid owner_oid = get_role_oid(e.owner->c_str(), true);
    if (!OidIsValid(owner_oid) || !(superuser() || is_member_of_role(GetUserId(), owner_oid)))
        return NULL;
    /* lo_create made it the caller's: often nothing to change, for each of many */
    if (e.desc == "BLOB" && owner_oid == GetUserId())
        return NULL;
    return pd_owner_statement(e);
}

/* The DROP statement for clean, made harmless for missing objects with if_exists. */
char *drop_sql(RestoreState *st, const pd::TocEntry &e) {
    if (!st->clean_if_exists)
        return pstrdup(e.drop_stmt->c_str());
    char *sql = NULL;
    pd::cxx_call([&] {
        std::string s = pd::drop_if_exists(e);
        sql = (char *) malloc(s.size() + 1);
        if (sql)
            memcpy(sql, s.c_str(), s.size() + 1);
    });
    if (sql == NULL)
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
    char *result = pstrdup(sql);
    free(sql);
    return result;
}

const int PIECE_WHOLE = -1;
const int PIECE_JOIN = -2;

/*
 * How many consecutive entries of a serial phase one worker runs in one
 * transaction (as pg_restore 17's --transaction-size): a batch ends at
 * kBatchEntries entries, kBatchBytes of message, or when the locks its
 * entries take might exceed kBatchLockBudget.  Locks are held until commit
 * and the lock table holds max_locks_per_transaction x max_connections
 * (6,400 at default settings) for everyone: a batch stays well under that.
 */
const int kBatchEntries = 1000;
const int kBatchBytes = 4 * 1024 * 1024;
const int kBatchLockBudget = 2000;
/* In the parallel phase: table data up to this size is batched, up to this much per batch. */
const long long kBatchDataBytes = 1024 * 1024;

/*
 * The locks one entry may take, for the lock budget: an overestimate.  A
 * table with a serial column (TABLE, SEQUENCE, SEQUENCE OWNED BY and DEFAULT
 * entries) holds 9 locks until commit, measured; an entry on a large object
 * (lo_create, its ACL or COMMENT) about one.
 */
int entry_locks(const pd::TocEntry &e) {
    if (e.desc == "BLOB" || ((e.desc == "ACL" || e.desc == "COMMENT" || e.desc == "SECURITY LABEL") &&
                             e.tag.compare(0, 13, "LARGE OBJECT ") == 0))
        return 1;
    return 8;
}

/* The entry's name in messages: "TOC entry 5; TABLE public.t" (in the current memory context). */
char *entry_label(const pd::TocEntry &e) {
    return psprintf("TOC entry %d; %s %s%s%s", e.dump_id, e.desc.c_str(), e.nspace ? e.nspace->c_str() : "",
                    e.nspace ? "." : "", e.tag.c_str());
}

/*
 * Appends plan item to the batch in buf: its SQL (the DROP statement with
 * PD_ITEM_IGNORE_ERRORS, for clean) and what else it needs.  piece: bytes
 * of a data file to load (a piece of a table several workers load, or a
 * range of blobs.toc's lines), or NULL for all.
 */
void add_entry(RestoreState *st, StringInfo buf, int id, const pd::TocEntry &e, int work, int flags,
               const pd::ByteRange *piece) {
    const char *sql = (flags & PD_ITEM_IGNORE_ERRORS) ? drop_sql(st, e) : opt_cstr(e.defn);
    if (piece && piece->lines)
        flags |= PD_ITEM_LINE_RANGE;
    PdRestoreItemHead head = {id, (int32) work, flags, e.dump_id, piece ? piece->start : 0, piece ? piece->end : 0};
    const char *strings[PD_ITEM_STRINGS] = {sql, (flags & PD_ITEM_IGNORE_ERRORS) ? NULL : owner_sql(st, e),
                                            opt_cstr(e.copy_stmt), e.filename.empty() ? NULL : e.filename.c_str(),
                                            opt_cstr(e.tablespace), opt_cstr(e.tableam),
                                            st->entry_schemas && e.nspace && !e.nspace->empty() ? e.nspace->c_str()
                                                                                                : NULL,
                                            entry_label(e)};
    pd_restore_batch_add(buf, &head, strings);
}

void add_item(RestoreState *st, StringInfo buf, int item, int flags, const pd::ByteRange *piece = NULL) {
    const pd::RestoreItem &it = st->plan->items()[item];
    /*
     * (several workers cannot all truncate the table: pieces are loaded
     * without FREEZE).  Small tables too: the COPY into the emptied table
     * skips the free space map, so rows keep the archive's order, as with
     * pg_restore -j; into a table as CREATE TABLE left it, a narrow row can
     * land on an earlier page that a wide one did not fit.
     */
    if (it.work == pd::WORK_COPY && it.table_item >= 0 && st->succeeded[it.table_item] && piece == NULL)
        flags |= PD_ITEM_FRESH_TABLE;
    add_entry(st, buf, item, entry_of(st, item), it.work, flags, piece);
}

/* Sends the batch in buf, of the n ids in st->worker_batch[w], to worker w. */
void send_built(RestoreState *st, int w, StringInfo buf, int n) {
    const int *ids = st->worker_batch[w];
    char *context = n == 1 ? psprintf("restoring %s", entry_label(batch_entry(st, ids[0])))
                           : psprintf("restoring a batch of %d TOC entries, from TOC entry %d to %d", n,
                                      batch_entry(st, ids[0]).dump_id, batch_entry(st, ids[n - 1]).dump_id);
    if (!pd_pool_send(st->pool, w, buf->data, buf->len, context))
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("parallel_dump restore worker %d is gone", w)));
    st->worker_item[w] = ids[0];
    st->worker_count[w] = n;
    const pd::TocEntry &first = batch_entry(st, ids[0]);
    pd_restore_timing_sent(w, first.desc.c_str(), first.dump_id, first.tag.c_str(), n);
}

/*
 * Sends plan items[0..n) to worker w as one batch (one transaction);
 * piece as for add_item, for a single item.
 */
void send_batch(RestoreState *st, int w, const int *items, int n, int flags, const pd::ByteRange *piece = NULL) {
    MemoryContext old = MemoryContextSwitchTo(st->entry_cxt);
    StringInfoData buf;
    initStringInfo(&buf);
    pd_restore_batch_begin(&buf);
    for (int i = 0; i < n; i++) {
        add_item(st, &buf, items[i], flags, piece);
        st->worker_batch[w][i] = items[i];
    }
    st->worker_piece[w] = piece != NULL;
    send_built(st, w, &buf, n);
    MemoryContextSwitchTo(old);
    MemoryContextReset(st->entry_cxt);
}

/*
 * Reads one worker's reply to its batch, counting each entry's result;
 * returns the batch's first item (-1 when no reply yet).
 */
int collect(RestoreState *st, int w) {
    void *data;
    Size len;
    PdPoolResult res = pd_pool_receive(st->pool, w, &data, &len);
    if (res != PD_POOL_MESSAGE)
        return -1;
    MemoryContext old = MemoryContextSwitchTo(st->entry_cxt);
    Size pos = 0;
    int n = 0;
    char type;
    int32 item;
    char *message;
    while (pd_restore_reply_next((const char *) data, len, &pos, &type, &item, &message)) {
        if (n >= st->worker_count[w] || item != st->worker_batch[w][n])
            elog(ERROR, "parallel_dump restore worker %d replied for an item it was not given", w);
        n++;
        const pd::TocEntry &e = batch_entry(st, item);
        if (type == PD_REPLY_FAILED) {
            ereport(WARNING, (errmsg("could not restore TOC entry %d; %s %s: %s", e.dump_id, e.desc.c_str(),
                                     e.tag.c_str(), message ? message : "")));
            if (st->worker_piece[w])
                st->piece_failed[item] = true;
            /* a DROP is preparation: its failure is a WARNING, not a failed entry */
            if (!st->cleaning)
                st->failed++;
        } else if (!st->worker_piece[w] && !st->cleaning) {
            st->restored++;
            if (item < (int) st->plan->items().size())
                st->succeeded[item] = true;
        }
    }
    if (n != st->worker_count[w])
        elog(ERROR, "parallel_dump restore worker %d replied for %d of its %d items", w, n, st->worker_count[w]);
    int first = st->worker_item[w];
    pd_restore_timing_done(w);
    st->worker_item[w] = -1;
    st->worker_count[w] = 0;
    pd_pool_task_done(st->pool, w);
    pd_progress_set_items_done(st->restored + st->failed);
    MemoryContextSwitchTo(old);
    pd_memory_sample();
    MemoryContextReset(st->entry_cxt);
    return first;
}

int first_running_worker(RestoreState *st) {
    for (int w = 0; w < pd_pool_slots(st->pool); w++)
        if (pd_pool_running(st->pool, w))
            return w;
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("every parallel_dump restore worker has exited")));
    return -1;
}

void wait_a_little(long timeout_ms = 1000) {
    (void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, timeout_ms, PG_WAIT_EXTENSION);
    ResetLatch(MyLatch);
    CHECK_FOR_INTERRUPTS();
}

/*
 * While workers load data, the leader keeps the WAL flushed a few
 * milliseconds behind them.  COPY writes through a small ring of buffers,
 * and a buffer can only be reused once the WAL of its last change is on
 * disk: without this, each loading worker stops every few megabytes to
 * write and fsync the WAL itself.  The leader has nothing else to do.
 */
const long kWalFlushIntervalMs = 10;

/*
 * Flushes all WAL inserted so far.  The insert position just past a page
 * header (nothing written on that page yet) cannot be flushed: the WAL then
 * ends where that page begins.
 */
XLogRecPtr flush_all_wal(void) {
    XLogRecPtr end = GetXLogInsertRecPtr();
    if (XLogSegmentOffset(end, wal_segment_size) == SizeOfXLogLongPHD)
        end -= SizeOfXLogLongPHD;
    else if (end % XLOG_BLCKSZ == SizeOfXLogShortPHD)
        end -= SizeOfXLogShortPHD;
    XLogFlush(end);
    return end;
}

bool convert_entry(pd::TocEntry &e, int encoding);

/*
 * Up to this many batches of a run's entries run at once, on as many
 * workers, each of at most kBatchLockBudget / lanes entries: the locks held
 * stay within run_serial's budget.  A large object's BLOB entries depend on
 * nothing, its ACL entries on BLOB entries of an earlier phase: those
 * batches may overlap.  A batch with a COMMENT or SECURITY LABEL (on a large
 * object whose BLOB entry may be in a batch still running) waits for the
 * others.  st->streamed holds kBatchEntries entries per lane.
 */
const int kStreamLanes = 4;

/* Collects the running batches of the lanes' workers but skip's (-1: none); all when wait, else those done. */
void collect_lanes(RestoreState *st, const int *lane_worker, int lanes, int skip, bool wait) {
    for (;;) {
        bool running = false;
        for (int l = 0; l < lanes; l++) {
            int w = lane_worker[l];
            if (w != skip && st->worker_item[w] >= 0 && collect(st, w) < 0)
                running = true;
        }
        if (!running || !wait)
            return;
        wait_a_little();
    }
}

/*
 * The entries of plan item's run of large objects' metadata (of its phase),
 * read again from toc.dat as they are sent, in batches like run_serial's
 * (one lock each): memory stays flat however many large objects.  A
 * batch's entries are st->streamed's, with ids from the plan's size on.
 */
void run_stream(RestoreState *st, int item, bool clean) {
    const pd::RestoreItem &it = st->plan->items()[item];
    int count = (int) st->toc->parsed->runs[it.run].count;
    int base = (int) st->plan->items().size();
    int lane_worker[kStreamLanes], lanes = 0;
    for (int w = 0; w < pd_pool_slots(st->pool) && lanes < kStreamLanes; w++)
        if (pd_pool_running(st->pool, w))
            lane_worker[lanes++] = w;
    if (lanes == 0)
        lane_worker[lanes++] = first_running_worker(st); /* (an ERROR) */
    int per_batch = Min(kBatchEntries, kBatchLockBudget / lanes);
    MemoryContext batch_cxt = AllocSetContextCreate(CurrentMemoryContext, "pd_restore run batch",
                                                    ALLOCSET_DEFAULT_SIZES);
    for (int k = 0; k < count;) {
        /* an idle lane */
        int lane = -1;
        for (;;) {
            collect_lanes(st, lane_worker, lanes, -1, false);
            bool busy = false;
            for (int l = 0; l < lanes && lane < 0; l++) {
                int w = lane_worker[l];
                busy |= st->worker_item[w] >= 0;
                if (st->worker_item[w] < 0 && pd_pool_running(st->pool, w))
                    lane = l;
            }
            if (lane >= 0)
                break;
            if (!busy)
                ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("every parallel_dump restore worker has exited")));
            wait_a_little();
        }
        int w = lane_worker[lane];
        MemoryContext old = MemoryContextSwitchTo(batch_cxt);
        StringInfoData buf;
        initStringInfo(&buf);
        pd_restore_batch_begin(&buf);
        int n = 0;
        long bytes = 0;
        bool alone = false; /* it has an entry that may need another batch's */
        while (k < count && n < per_batch && bytes < kBatchBytes) {
            CHECK_FOR_INTERRUPTS();
            int id = lane * kBatchEntries + n;
            pd::TocEntry *e = &(*st->streamed)[id];
            pd_archive_run_entry(st->toc, it.run, k++, e);
            bool wanted = false;
            pd::cxx_call([&] { wanted = st->plan->wants(*e, it.phase); });
            if (!wanted || (clean && (!e->drop_stmt || e->drop_stmt->empty())))
                continue;
            convert_entry(*e, st->encoding);
            add_entry(st, &buf, base + id, *e, pd::WORK_SQL, clean ? PD_ITEM_IGNORE_ERRORS : 0, NULL);
            bytes += (long) ((e->defn ? e->defn->size() : 0) + e->tag.size() + 256);
            alone |= !clean && e->desc != "BLOB" && e->desc != "ACL";
            st->worker_batch[w][n] = base + id;
            n++;
        }
        if (n > 0) {
            if (alone)
                collect_lanes(st, lane_worker, lanes, w, true);
            st->worker_piece[w] = false;
            send_built(st, w, &buf, n);
        }
        MemoryContextSwitchTo(old);
        MemoryContextReset(batch_cxt);
    }
    collect_lanes(st, lane_worker, lanes, -1, true);
    MemoryContextDelete(batch_cxt);
}

/*
 * In archive order, consecutive entries in batches, each batch in one
 * transaction of one worker.  Large objects' data and table data go alone;
 * runs of large objects' metadata are run_stream's.
 */
void run_serial(RestoreState *st, const int *items, int n, bool clean) {
    st->cleaning = clean;
    for (int i = 0; i < n;) {
        if (st->plan->items()[items[i]].run >= 0) {
            run_stream(st, items[i++], clean);
            continue;
        }
        int w = first_running_worker(st);
        int count = 0, locks = 0;
        long bytes = 0;
        while (i + count < n && count < kBatchEntries && st->plan->items()[items[i + count]].run < 0) {
            const pd::TocEntry &e = entry_of(st, items[i + count]);
            bool alone = st->plan->items()[items[i + count]].work != pd::WORK_SQL;
            long size = (long) ((clean ? (e.drop_stmt ? e.drop_stmt->size() : 0) : (e.defn ? e.defn->size() : 0)) +
                                e.tag.size() + 256);
            int l = entry_locks(e);
            if (count > 0 && (alone || locks + l > kBatchLockBudget || bytes + size > kBatchBytes))
                break;
            count++;
            locks += l;
            bytes += size;
            if (alone)
                break;
        }
        send_batch(st, w, items + i, count, clean ? PD_ITEM_IGNORE_ERRORS : 0);
        while (collect(st, w) < 0)
            wait_a_little();
        i += count;
    }
    st->cleaning = false;
}

/*
 * The large objects in ranges of blobs.toc's lines, one per worker, when
 * there are many: each worker loads the lines that start in its range of
 * bytes, in a transaction of its own.  A failed range is a failure of the
 * entry (the other ranges stay loaded, as a failed large object's file
 * leaves pg_restore's others).
 */
const long long kBlobsTocSplitBytes = 64 * 1024; /* ~2,500 lines */

int blob_ranges(RestoreState *st, int item, pd::ByteRange **pieces) {
    int slots = pd_pool_slots(st->pool);
    long long size = st->plan->items()[item].size; /* blobs.toc's uncompressed size */
    if (slots < 2 || size < kBlobsTocSplitBytes)
        return 0;
    pd::ByteRange *out = (pd::ByteRange *) palloc0(sizeof(pd::ByteRange) * slots);
    for (int k = 0; k < slots; k++) {
        out[k].start = size * k / slots;
        /* the last range takes whatever the estimate missed */
        out[k].end = k == slots - 1 ? PG_INT64_MAX : size * (k + 1) / slots;
        out[k].raw = out[k].end - out[k].start;
    }
    out[slots - 1].raw = size - out[slots - 1].start;
    *pieces = out;
    return slots;
}

/*
 * The pieces in which several workers load one table's data, or none: for a
 * table bigger than a worker's share of all the data (total_data bytes), so
 * that it does not keep one worker busy long after the others are done.
 * Pieces are loaded without FREEZE, so tables that balance out anyway stay
 * whole.  Only when the restore stops at the first error: a failed piece
 * then fails the restore, never leaving a table partly loaded behind a
 * success.
 */
/* Returns the number of pieces (0: load whole) and sets *pieces to them (palloc'd). */
int data_pieces(RestoreState *st, int item, long long total_data, pd::ByteRange **pieces) {
    const pd::RestoreItem &it = st->plan->items()[item];
    int slots = pd_pool_slots(st->pool);
    if (it.work == pd::WORK_BLOBS)
        return blob_ranges(st, item, pieces);
    if (it.work != pd::WORK_COPY || !st->exit_on_error || slots < 2 || pd_restore_split_size_kb <= 0 ||
        it.size * slots <= total_data)
        return 0;
    const pd::TocEntry &e = entry_of(st, item);
    if (e.filename.empty())
        return 0;
    /* the file the worker will read: <name> when it exists (as pg_restore), else <name>.gz */
    int count = 0;
    int64 *starts = NULL, *raw = NULL;
    int64 size = pd_plain_data_file_size(st->directory, e.filename.c_str());
    /* a gzip file of one stream (pg_dump's) is cut in uncompressed offsets */
    int64 stream = -1;
    if (size < 0 && (starts = pd_data_member_starts(st->directory, e.filename.c_str(), &count, &size, &raw)) == NULL &&
        (stream = pd_data_stream_size_hint(st->directory, e.filename.c_str())) < 0)
        return 0;
    pd::ByteRange *out = (pd::ByteRange *) palloc(sizeof(pd::ByteRange) * slots); /* at most one per worker */
    int npieces = 0;
    pd::cxx_call([&] {
        std::vector<long long> member_starts(starts, starts + count), member_raw(raw, raw + count);
        long long min_part = (long long) pd_restore_split_size_kb * 1024;
        auto ranges = stream >= 0 ? pd::split_stream_file(stream, slots, min_part)
                                  : pd::split_data_file(member_starts, member_raw, size, slots, min_part);
        for (size_t k = 0; k < ranges.size() && k < (size_t) slots; k++)
            out[npieces++] = ranges[k];
    });
    if (starts) {
        pfree(starts);
        pfree(raw);
    }
    *pieces = out;
    return npieces;
}

/*
 * In parallel: each item after its dependencies, largest first, no two
 * locking one table.  A big table's data may be loaded in pieces by several
 * workers at once; a "join" item, completed by the leader, stands for all
 * its pieces being in, and what needs the data waits for it.
 */
void run_parallel(RestoreState *st, const int *items, int n) {
    if (n == 0)
        return;
    /* plan item -> its completion id */
    int *local = (int *) spill_alloc0(st, st->plan->items().size() + 1, sizeof(int));
    pd::ByteRange **pieces = (pd::ByteRange **) spill_alloc0(st, n + 1, sizeof(pd::ByteRange *));
    int *npieces = (int *) spill_alloc0(st, n + 1, sizeof(int));
    long long total_data = 0;
    for (int i = 0; i < n; i++)
        if (st->plan->items()[items[i]].work == pd::WORK_COPY)
            total_data += st->plan->items()[items[i]].size;
    int ids = 0;
    for (int i = 0; i < n; i++) {
        npieces[i] = data_pieces(st, items[i], total_data, &pieces[i]);
        ids += npieces[i] > 0 ? npieces[i] + 1 : 1;
        local[items[i]] = ids - 1;
        if (npieces[i] > 0)
            ereport(DEBUG1, (errmsg_internal("pd_restore: TOC entry %d loaded in %d pieces",
                                             entry_of(st, items[i]).dump_id, npieces[i])));
    }
    st->sched_item = (int *) spill_alloc0(st, ids + 1, sizeof(int));
    st->sched_piece = (int *) spill_alloc0(st, ids + 1, sizeof(int));
    st->sched_range = (pd::ByteRange *) spill_alloc0(st, ids + 1, sizeof(pd::ByteRange));
    pd::cxx_call([&] {
        delete st->scheduler;
        st->scheduler = new pd::WorkScheduler();
        for (int i = 0; i < n; i++) {
            const pd::RestoreItem &it = st->plan->items()[items[i]];
            std::vector<int> deps;
            for (int d : it.deps)
                deps.push_back(local[d]);
            if (npieces[i] > 0) {
                std::vector<int> all;
                for (int k = 0; k < npieces[i]; k++) {
                    const pd::ByteRange &r = pieces[i][k];
                    /*
                     * Each piece ranks as its whole table, ahead of anything
                     * smaller: ranked by its own bytes, an index item of a
                     * smaller table (which ranks as that table) went first,
                     * and one worker loaded the pieces one after the other
                     * (bench: both of orders' on one worker, 29 s of 36 s).
                     */
                    int id = st->scheduler->add(it.size, deps);
                    st->sched_item[id] = items[i];
                    st->sched_piece[id] = k;
                    st->sched_range[id] = r;
                    all.push_back(id);
                }
                /* ranked as its table too: its indexes are ready the moment the last piece is in */
                int join = st->scheduler->add(it.size, all);
                st->sched_item[join] = items[i];
                st->sched_piece[join] = PIECE_JOIN;
            } else {
                int id = st->scheduler->add(it.size, deps);
                st->sched_item[id] = items[i];
                st->sched_piece[id] = PIECE_WHOLE;
            }
        }
    });
    /*
     * Small table data and sequence values go in batches: ready items of
     * that kind, taken together by one worker in one transaction.  They lock
     * only their own table, which nothing else ready touches (what needs a
     * table's data waits for its commit), so batches never wait for locks.
     */
    bool *batchable = (bool *) spill_alloc0(st, ids + 1, sizeof(bool));
    long long *sched_size = (long long *) spill_alloc0(st, ids + 1, sizeof(long long));
    for (int id = 0; id < ids; id++) {
        const pd::RestoreItem &it = st->plan->items()[st->sched_item[id]];
        sched_size[id] = it.size;
        batchable[id] = st->sched_piece[id] == PIECE_WHOLE && it.locks.empty() &&
                        ((it.work == pd::WORK_COPY && it.size <= kBatchDataBytes) ||
                         (it.work == pd::WORK_SQL && entry_of(st, st->sched_item[id]).desc == "SEQUENCE SET"));
    }
    int slots = pd_pool_slots(st->pool);
    int **worker_sched = (int **) palloc(sizeof(int *) * slots); /* per worker: the scheduler ids of its batch */
    int *worker_nsched = (int *) palloc0(sizeof(int) * slots);
    for (int w = 0; w < slots; w++)
        worker_sched[w] = (int *) palloc(sizeof(int) * kBatchEntries);
    int *batch = (int *) palloc(sizeof(int) * kBatchEntries);
    int done = 0;
    /* hands scheduler item id to worker w; a join is the leader's own, done at once (false) */
    auto dispatch = [&](int w, int id) {
        int item = st->sched_item[id];
        if (st->sched_piece[id] == PIECE_JOIN) {
            if (!st->piece_failed[item]) {
                st->restored++;
                st->succeeded[item] = true;
            }
            pd_progress_set_items_done(st->restored + st->failed);
            pd::cxx_call([&] { st->scheduler->done(id); });
            done++;
            return false;
        }
        /*
         * Alone: nothing else runs or waits.  At the tail too: nothing waits
         * and no more is to come but what runs (the last index builds), so
         * the workers that finish first would idle: the build may use
         * parallel helpers on their cores.
         */
        bool alone = true;
        size_t running = 1;
        for (int o = 0; o < pd_pool_slots(st->pool); o++) {
            alone &= o == w || st->worker_item[o] < 0;
            running += o == w ? 0 : (size_t) worker_nsched[o];
        }
        pd::cxx_call([&] {
            alone = st->scheduler->ready_count() == 0 && (alone || st->scheduler->remaining() <= running);
        });
        int n = 1;
        worker_sched[w][0] = id;
        batch[0] = item;
        if (batchable[id]) {
            long long bytes = sched_size[id];
            int locks = entry_locks(entry_of(st, item));
            pd::cxx_call([&] {
                while (n < kBatchEntries && locks < kBatchLockBudget) {
                    int more = st->scheduler->next_ready_if(
                        [&](int c) { return batchable[c] && bytes + sched_size[c] <= kBatchDataBytes; });
                    if (more < 0)
                        break;
                    bytes += sched_size[more];
                    locks += entry_locks(entry_of(st, st->sched_item[more]));
                    worker_sched[w][n] = more;
                    batch[n++] = st->sched_item[more];
                }
            });
        }
        worker_nsched[w] = n;
        send_batch(st, w, batch, n, alone && n == 1 ? PD_ITEM_RUNS_ALONE : 0,
                   st->sched_piece[id] >= 0 ? &st->sched_range[id] : NULL);
        return true;
    };
    while (done < ids) {
        bool progress = false;
        for (int w = 0; w < pd_pool_slots(st->pool); w++) {
            if (collect(st, w) >= 0) {
                pd::cxx_call([&] {
                    for (int k = 0; k < worker_nsched[w]; k++)
                        st->scheduler->done(worker_sched[w][k]);
                });
                done += worker_nsched[w];
                worker_nsched[w] = 0;
                progress = true;
            }
            if (!pd_pool_running(st->pool, w) || st->worker_item[w] >= 0)
                continue;
            for (;;) {
                int next = -1;
                pd::cxx_call([&] {
                    next = st->scheduler->next_ready_if([&](int id) {
                        for (int o = 0; o < pd_pool_slots(st->pool); o++)
                            if (st->worker_item[o] >= 0 && st->plan->conflict(st->sched_item[id], st->worker_item[o]))
                                return false;
                        return true;
                    });
                });
                if (next < 0)
                    break;
                progress = true;
                if (dispatch(w, next))
                    break;
            }
        }
        bool any_running = false;
        for (int w = 0; w < pd_pool_slots(st->pool); w++)
            any_running |= st->worker_item[w] >= 0;
        if (!progress && !any_running && done < ids) {
            /* nothing runs and nothing is ready: a dependency loop; go on regardless, as pg_restore does */
            int w = first_running_worker(st);
            int next = -1;
            pd::cxx_call([&] { next = st->scheduler->next_despite_dependencies(); });
            if (next < 0)
                elog(ERROR, "pd_restore: %d entries could not be scheduled", ids - done);
            (void) dispatch(w, next);
            continue;
        }
        if (!progress) {
            flush_all_wal();
            wait_a_little(kWalFlushIntervalMs);
        }
    }
}

/*
 * Notes what the archive's STDSTRINGS and SEARCHPATH entries (already in
 * the server encoding) say, for the workers' sessions.  Archives older than
 * 1.13 have no SEARCHPATH entry: pg_restore then sets each entry's schema.
 */
void note_setting(RestoreState *st, const pd::TocEntry &e) {
    const char *defn = e.defn ? e.defn->c_str() : "";
    if (e.desc == "STDSTRINGS") {
        const char *q = strchr(defn, '\'');
        if (q && strncmp(q + 1, "on'", 3) == 0)
            st->standard_conforming_strings = true;
        else if (q && strncmp(q + 1, "off'", 4) == 0)
            st->standard_conforming_strings = false;
        else
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("invalid STDSTRINGS item: %s", defn)));
    } else if (e.desc == "SEARCHPATH") {
        if (strlen(defn) >= PD_RESTORE_MAX_SEARCHPATH)
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("SEARCHPATH entry of the archive is too long")));
        strlcpy(st->searchpath_sql, defn, PD_RESTORE_MAX_SEARCHPATH);
        st->entry_schemas = false;
    }
}

/* true when the string changed */
bool convert_string(std::string *s, int encoding) {
    char *out = pd_archive_text_to_server(s->data(), s->size(), encoding, "a string of the entry");
    if (strlen(out) == s->size() && memcmp(out, s->data(), s->size()) == 0)
        return false;
    pd::cxx_call([&] { s->assign(out); });
    return true;
}

bool convert_opt(pd::OptString *s, int encoding) { return *s && convert_string(&**s, encoding); }

void converting_entry_context(void *arg) { errcontext("reading TOC entry %d", *(int *) arg); }

/*
 * Every string of an entry in the server encoding, validated even when the
 * archive's encoding is the server's (the server validates what a client
 * sends pg_restore's way; here nothing else would): nothing invalid is run,
 * reported or compared.  An embedded zero byte is invalid too.  True when
 * a string changed.
 */
bool convert_entry(pd::TocEntry &e, int encoding) {
    int dump_id = e.dump_id;
    ErrorContextCallback callback = {error_context_stack, converting_entry_context, &dump_id};
    error_context_stack = &callback;
    bool changed = convert_string(&e.tag, encoding);
    changed |= convert_string(&e.desc, encoding);
    changed |= convert_string(&e.filename, encoding);
    changed |= convert_opt(&e.defn, encoding);
    changed |= convert_opt(&e.drop_stmt, encoding);
    changed |= convert_opt(&e.copy_stmt, encoding);
    changed |= convert_opt(&e.nspace, encoding);
    changed |= convert_opt(&e.tablespace, encoding);
    changed |= convert_opt(&e.tableam, encoding);
    changed |= convert_opt(&e.owner, encoding);
    error_context_stack = callback.previous;
    return changed;
}

/*
 * One pass over the stored entries before the plan: each converted to the
 * server encoding (stored again when that changed it), the settings noted,
 * and the size of each data file found (sizes[i], 0 when none).
 */
void prepare_entries(RestoreState *st, const char *dir, int encoding, long long *sizes) {
    st->entry_schemas = true;
    st->standard_conforming_strings = false;
    MemoryContext old = MemoryContextSwitchTo(st->entry_cxt);
    size_t n = 0;
    pd::cxx_call([&] { n = st->entries->size(); });
    for (size_t i = 0; i < n; i++) {
        CHECK_FOR_INTERRUPTS();
        pd::TocEntry &e = *st->work;
        pd::cxx_call([&] { e = st->entries->at(i); });
        if (convert_entry(e, encoding))
            pd::cxx_call([&] { st->entries->replace(i, e); });
        note_setting(st, e);
        bool safe = false;
        if (e.had_dumper)
            pd::cxx_call([&] { safe = pd::safe_data_filename(e.filename); });
        if (safe)
            sizes[i] = pd_data_file_raw_size(dir, e.filename.c_str());
        MemoryContextReset(st->entry_cxt);
    }
    MemoryContextSwitchTo(old);
}

/* With client_min_messages = debug1: what the leader's memory came to (the test of its bound reads it). */
void report_memory(RestoreState *st) {
    pd_memory_sample();
    ereport(DEBUG1, (errmsg_internal("pd_restore leader: peak resident memory " UINT64_FORMAT
                                     " kB, memory contexts " UINT64_FORMAT " bytes at most, outside the contexts "
                                     UINT64_FORMAT " bytes at most, private memory " UINT64_FORMAT
                                     " kB at most, plan file " UINT64_FORMAT " kB at most",
                                     pd_peak_rss_kb(), pd_context_peak(), pd_heap_peak(), pd_private_peak_kb(),
                                     pd_spill_heap_peak_kb(st->heap))));
}

/* A text[] argument's names (palloc'd), *n of them; NULL with *n = 0 when the argument is NULL. */
char **names_arg(FunctionCallInfo fcinfo, int arg, int *n) {
    *n = 0;
    if (PG_ARGISNULL(arg))
        return NULL;
    Datum *elems;
    bool *nulls;
    deconstruct_array(PG_GETARG_ARRAYTYPE_P(arg), TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, n);
    char **names = (char **) palloc(sizeof(char *) * (*n + 1));
    for (int i = 0; i < *n; i++) {
        if (nulls[i])
            ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("names must not be null")));
        names[i] = TextDatumGetCString(elems[i]);
    }
    return names;
}

bool flag(FunctionCallInfo fcinfo, int arg, const char *name) {
    if (PG_ARGISNULL(arg))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("option %s must not be null", name)));
    return PG_GETARG_BOOL(arg);
}

} // namespace

extern "C" Datum pd_restore(PG_FUNCTION_ARGS) {
    pd_require_file_role(false, "read an archive on the server");
    if (PG_ARGISNULL(0))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("no archive directory specified")));
    if (PG_ARGISNULL(1))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("no target database specified")));
    if (PG_ARGISNULL(2) || PG_GETARG_INT32(2) < 1 || PG_GETARG_INT32(2) > kMaxJobs)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("invalid number of parallel jobs"),
                        errdetail("jobs must be between 1 and %d.", kMaxJobs)));
    char *dir = text_to_cstring(PG_GETARG_TEXT_PP(0));
    char *dbname = text_to_cstring(PG_GETARG_TEXT_PP(1));
    int jobs = PG_GETARG_INT32(2);
    bool schema_only = flag(fcinfo, 3, "schema_only"), data_only = flag(fcinfo, 4, "data_only");
    bool clean = flag(fcinfo, 5, "clean"), if_exists = flag(fcinfo, 6, "if_exists");
    bool no_owner = flag(fcinfo, 7, "no_owner"), no_privileges = flag(fcinfo, 8, "no_privileges");
    bool exit_on_error = flag(fcinfo, 11, "exit_on_error");
    /* statistics (argument 12) came with 0.4; an older definition does not pass it */
    bool statistics = PG_NARGS() > 12 ? flag(fcinfo, 12, "statistics") : false;
    if (schema_only && data_only)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("options schema_only and data_only cannot be used together")));
    if (clean && data_only)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("options clean and data_only cannot be used together")));
    if (if_exists && !clean)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("option if_exists requires option clean")));
    if (!is_absolute_path(dir))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("relative path not allowed for pd_restore: \"%s\"", dir)));
    /* before anything is read or written: a target the caller's connections could reach */
    Oid dboid = get_database_oid(dbname, false);
    pd_restore_check_target(dboid);
    int nschemas, ntables;
    char **schemas = names_arg(fcinfo, 9, &nschemas);
    char **tables = names_arg(fcinfo, 10, &ntables);

    pd_progress_begin("pd_restore", dbname, jobs, 0, 0);
    pd_restore_timing_begin();
    pd_memory_reset_peaks();
    RestoreState *st = (RestoreState *) MemoryContextAllocZero(TopTransactionContext, sizeof(RestoreState));
    st->no_owner = no_owner;
    st->clean_if_exists = if_exists;
    st->entry_cxt = AllocSetContextCreate(CurrentMemoryContext, "pd_restore entry", ALLOCSET_DEFAULT_SIZES);
    /* closed below, or with the transaction when the restore fails */
    st->spill = pd_spill_file_create();
    st->heap = pd_spill_heap_create();
    PG_TRY();
    {
        char error[512] = "";
        pd::cxx_call([&] {
            st->texts = new pd::SpillTextStore(st->spill);
            st->entries = new pd::StoredEntries(st->texts);
            st->slots = new pd::TocEntry[kEntrySlots];
            st->work = new pd::TocEntry();
            st->plan = new pd::RestorePlan();
            st->streamed = new std::vector<pd::TocEntry>(kBatchEntries * kStreamLanes);
            st->arrays = new std::vector<pd::spill_vector<char>>();
        });
        /* parsed within limits that fit its size, answering cancel, into the store; freed with this context */
        PdArchiveToc *toc = pd_read_archive_toc(dir, st->entries);
        int encoding = toc->encoding;
        st->toc = toc;
        st->encoding = encoding;
        size_t nentries = 0;
        pd::cxx_call([&] {
            nentries = st->entries->size();
            st->sizes = new pd::spill_vector<long long>(nentries, 0);
        });
        prepare_entries(st, dir, encoding, st->sizes->data());
        pd_memory_sample();
        pd::cxx_call([&] {
            pd::RestoreSelection sel;
            sel.output.schema_only = schema_only;
            sel.output.data_only = data_only;
            sel.output.no_privileges = no_privileges;
            sel.schemas.assign(schemas, schemas + nschemas);
            sel.tables.assign(tables, tables + ntables);
            std::string err;
            if (!st->plan->build(*st->entries, toc->parsed->runs, st->sizes->data(), nentries, sel, &err))
                strlcpy(error, err.c_str(), sizeof error);
        });
        if (error[0])
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("could not restore archive \"%s\": %s", dir, error)));
        pd_memory_sample();
        pd_progress_restore_planned(st->plan, &toc->parsed->runs);
        /* per plan item: a run of large objects' entries is one item, with no entry of its own */
        int nitems = (int) st->plan->items().size();
        st->succeeded = (bool *) spill_alloc0(st, nitems + 1, sizeof(bool));
        st->piece_failed = (bool *) spill_alloc0(st, nitems + 1, sizeof(bool));

        PdRestoreShared *shared;
        st->pool = pd_pool_create("pd_restore", jobs, dboid, "pd_restore_worker_main", PD_RESTORE_WORKER_TYPE,
                                  sizeof(PdRestoreShared), (void **) &shared, NULL);
        strlcpy(shared->directory, dir, MAXPGPATH);
        shared->exit_on_error = exit_on_error;
        shared->fast_input = pd_fast_input_mode;
        shared->archive_encoding = encoding;
        shared->standard_conforming_strings = st->standard_conforming_strings;
        strlcpy(shared->searchpath_sql, st->searchpath_sql, PD_RESTORE_MAX_SEARCHPATH);
        st->worker_item = (int *) MemoryContextAlloc(TopTransactionContext, sizeof(int) * jobs);
        st->worker_piece = (bool *) MemoryContextAllocZero(TopTransactionContext, sizeof(bool) * jobs);
        st->worker_count = (int *) MemoryContextAllocZero(TopTransactionContext, sizeof(int) * jobs);
        st->worker_batch = (int **) MemoryContextAlloc(TopTransactionContext, sizeof(int *) * jobs);
        for (int i = 0; i < jobs; i++) {
            st->worker_item[i] = -1;
            st->worker_batch[i] = (int *) MemoryContextAlloc(TopTransactionContext, sizeof(int) * kBatchEntries);
        }
        st->directory = shared->directory;
        st->exit_on_error = exit_on_error;
        if (pd_progress_set_workers(pd_pool_start(st->pool)) == 0)
            ereport(ERROR, (errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
                            errmsg("pd_restore needs at least one background worker"),
                            errhint("Background worker slots are limited by max_worker_processes.")));

        int nphase;
        int *phase = (int *) spill_alloc0(st, nitems + 1, sizeof(int));
        auto items_of = [&](pd::RestorePhase p) {
            nphase = 0;
            pd::cxx_call([&] {
                for (int i : st->plan->phase_items(p))
                    phase[nphase++] = i;
            });
        };
        if (clean) {
            /* drop what the archive will create, last first */
            pd_restore_timing_phase("clean", false);
            int nclean = 0;
            int *drops = (int *) spill_alloc0(st, nitems + 1, sizeof(int));
            for (int p = pd::PHASE_POST_ACL; p >= pd::PHASE_PRE; p--) {
                items_of((pd::RestorePhase) p);
                for (int i = nphase - 1; i >= 0; i--)
                    if (st->plan->items()[phase[i]].run >= 0 ||
                        (entry_of(st, phase[i]).drop_stmt && !entry_of(st, phase[i]).drop_stmt->empty()))
                        drops[nclean++] = phase[i];
            }
            run_serial(st, drops, nclean, true);
        }
        items_of(pd::PHASE_PRE);
        pd_restore_timing_phase("pre-data", false);
        run_serial(st, phase, nphase, false);
        items_of(pd::PHASE_MAIN);
        pd_progress_phase(PD_PHASE_DATA);
        pd_restore_timing_phase("data and post-data", true);
        run_parallel(st, phase, nphase);
        items_of(pd::PHASE_ACL);
        pd_progress_phase(PD_PHASE_POST_DATA);
        pd_restore_timing_phase("ACLs and after", false);
        run_serial(st, phase, nphase, false);
        items_of(pd::PHASE_POST_ACL);
        run_serial(st, phase, nphase, false);
        pd_pool_wait_exit(st->pool);
        st->pool = NULL;
        /* last: CREATE INDEX has set the tables' reltuples and relpages */
        if (statistics && !schema_only)
            pd_restore_statistics(dir, dboid, st->entries, st->plan, st->succeeded);
        pd_progress_phase(PD_PHASE_FINISHING);
        pd_restore_timing_phase("flushing the WAL", false);
        /*
         * The workers committed without waiting for WAL: make everything
         * durable now, and wait for synchronous standbys as the caller's own
         * commit would (SyncRepWaitForLSN does nothing unless the caller's
         * synchronous_commit and synchronous_standby_names ask for it).
         */
        SyncRepWaitForLSN(flush_all_wal(), true);
        report_memory(st);
    }
    PG_CATCH();
    {
        HOLD_INTERRUPTS();
        pd_pool_terminate(st->pool);
        free_cxx(st);
        pd_progress_end(false);
        RESUME_INTERRUPTS();
        PG_RE_THROW();
    }
    PG_END_TRY();
    free_cxx(st);
    pd_spill_file_close(st->spill);
    pd_free_archive_toc(st->toc);
    MemoryContextDelete(st->entry_cxt);
    pd_progress_end(true);
    pd_restore_timing_report(jobs);

    TupleDesc desc;
    if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
        elog(ERROR, "pd_restore must return a record");
    desc = BlessTupleDesc(desc);
    Datum values[2] = {Int32GetDatum(st->restored), Int32GetDatum(st->failed)};
    bool nulls[2] = {false, false};
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
