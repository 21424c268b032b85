#include "dump_leader.h"

#include <sys/stat.h>

#include "../pure/dump_plan.h"
#include "archive_dir.h"
#include "blob_data.h"
#include "catalog_reader.h"
#include "manifest_files.h"
#include "manifest_hash.h"
#include "cpu_time.h"
#include "cxx_guard.h"
#include "dump_timeline.h"
#include "memory_report.h"
#include "mirror_leader.h"
#include "pd_shared.h"
#include "progress.h"
#include "progress_plans.h"
#include "remote_conn.h"
#include "selection.h"
#include "session_settings.h"
#include "statistics_dump.h"
#include "spill_heap_file.h"
#include "table_check.h"
#include "table_data.h"
#include "table_pieces.h"
#include "text_spill.h"
#include "worker_pool.h"

extern "C" {
#include "access/twophase.h"
#include "utils/inval.h"
}

namespace {


/* Lives in TopTransactionContext: the abort path reads it. */
typedef struct DumpState {
    const PdDumpOptions *options;
    bool created_dir;
    volatile bool claimed;     /* toc.dat.tmp is ours */
    volatile bool toc_written; /* ... and renamed into toc.dat */
    volatile bool statistics_created;
    /* the files this dump made: in the pool's shared memory, copied out before it goes */
    PdDumpShared *shared;
    MemoryContext itemcxt; /* per item the leader handles, reset after each */
    uint64 *worker_rss_kb; /* per worker: the figures of its last reply */
    uint64 *worker_context_bytes;
    uint64 *worker_private_kb;
    pd::DumpPlan *plan;
    pd::TextStore *texts; /* the plan's entry texts, in spill */
    BufFile *spill;
    /* where the plan's and the scheduler's containers grow (spill_heap_file.h) */
    PdSpillHeap *heap;
    pd::WorkScheduler *scheduler;
    const pd::DataItem *items;
    int nitems;
    PdTablePieces *pieces; /* the work ids: items, then pieces of big tables */
    int *leader_items; /* work ids the leader dumps itself */
    int nleader_items;
    PdPool *pool;
    int *worker_item; /* per worker: the item it is dumping, -1 when idle */
    Snapshot snapshot;
    PdSelection selection;
    /* the tables are too many to lock up front: each is locked while it is dumped */
    bool lock_each_table;
    int nrelations;
} DumpState;

void free_cxx(DumpState *st) {
    delete st->plan;
    delete st->texts;
    delete st->scheduler;
    st->plan = nullptr;
    st->texts = nullptr;
    st->scheduler = nullptr;
    /* last: the containers above took their memory from it */
    pd_spill_heap_destroy(st->heap);
    st->heap = NULL;
}

/* errcontext while the leader waits for a table lock */
void lock_context_cb(void *arg) { errcontext("while locking table %s for pd_dump", (const char *) arg); }

/* LockRelationOid (honouring lock_timeout), with the table's name in the context of its errors. */
void lock_table(Oid relid, const char *label) {
    ErrorContextCallback cb;
    cb.callback = lock_context_cb;
    cb.arg = (void *) label;
    cb.previous = error_context_stack;
    error_context_stack = &cb;
    LockRelationOid(relid, AccessShareLock);
    error_context_stack = cb.previous;
}

/*
 * How many tables the leader locks up front at most: a quarter of the
 * shared lock table (max_locks_per_transaction slots per possible backend
 * and prepared transaction), about 1,900 tables at default settings.  Up
 * to there the dump behaves as pg_dump's (its locks make concurrent DDL
 * wait for it) while leaving three quarters of the table to the other
 * sessions and to the catalogs the leader reads; beyond that locking up
 * front could exhaust the table for everybody ("out of shared memory").
 */
int64 up_front_lock_limit(void) {
    return (int64) max_locks_per_xact * (MaxBackends + max_prepared_xacts) / 4;
}

/*
 * Either locks every relation the dump reads (ACCESS SHARE) and keeps the
 * locks, as pg_dump does, or, when there are too many, only checks that
 * each is readable: then every table is locked when its data is dumped and
 * checked against the snapshot there (table_check.h).
 */
void lock_relations(DumpState *st) {
    int n;
    /* the list (some 50 bytes a relation) goes once the relations are locked or checked */
    MemoryContext listcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_dump relations", ALLOCSET_DEFAULT_SIZES);
    MemoryContext outer = MemoryContextSwitchTo(listcxt);
    PdRelation *rels = pd_list_relations(&st->selection, &n);
    MemoryContextSwitchTo(outer);
    st->nrelations = n;
    st->lock_each_table = n > up_front_lock_limit();
    if (st->lock_each_table)
        ereport(DEBUG1, (errmsg_internal("pd_dump: %d relations, more than %lld to lock up front: "
                                         "each table is locked while its data is dumped",
                                         n, (long long) up_front_lock_limit())));
    for (int i = 0; i < n; i++) {
        /* checking a table leaves catalog cache entries behind: empty the caches now and then */
        if (i > 0 && i % 1000 == 0)
            InvalidateSystemCaches();
        if (st->lock_each_table) {
            if (rels[i].relkind == RELKIND_RELATION)
                pd_check_table_readable(rels[i].relid, rels[i].label);
            continue;
        }
        ErrorContextCallback cb;
        cb.callback = lock_context_cb;
        cb.arg = rels[i].label;
        cb.previous = error_context_stack;
        error_context_stack = &cb;
        if (rels[i].relkind == RELKIND_RELATION)
            pd_check_table_readable(rels[i].relid, rels[i].label);
        LockRelationOid(rels[i].relid, AccessShareLock); /* honours lock_timeout */
        error_context_stack = cb.previous;
        if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(rels[i].relid)))
            ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
                            errmsg("table %s was dropped while pd_dump started", rels[i].label)));
    }
    MemoryContextDelete(listcxt);
}

/*
 * Without table locks, a catalog function (pg_get_indexdef, ...) reading an
 * object that another session has just dropped fails with "cache lookup
 * failed": say why, and what to do.
 */
void read_catalog(DumpState *st) {
    if (!st->lock_each_table) {
        pd_read_catalog(st->plan, &st->selection);
        return;
    }
    MemoryContext cxt = CurrentMemoryContext;
    PG_TRY();
    { pd_read_catalog(st->plan, &st->selection); }
    PG_CATCH();
    {
        MemoryContextSwitchTo(cxt);
        ErrorData *e = CopyErrorData();
        if (e->sqlerrcode != ERRCODE_INTERNAL_ERROR || e->hint != NULL ||
            strncmp(e->message, "cache lookup failed", 19) != 0)
            PG_RE_THROW();
        FlushErrorState();
        e->detail = psprintf("With %d tables, more than fit in the lock table, pd_dump reads the catalog "
                             "without locking them; an object was probably dropped meanwhile.", st->nrelations);
        e->hint = pstrdup(PD_CHANGED_TABLE_HINT);
        ReThrowError(e);
    }
    PG_END_TRY();
}

double phase_cpu_start = 0; /* pd_cpu_seconds() when the phase running began */

/*
 * With client_min_messages = debug1: how long each phase took (the bench
 * reads these), and the leader's own CPU seconds in it, which a loaded
 * machine does not inflate as it does the wall time.
 */
void report_phase(const char *phase, TimestampTz *since) {
    pd_memory_sample();
    TimestampTz now = GetCurrentTimestamp();
    double cpu = pd_cpu_seconds();
    ereport(DEBUG1, (errmsg_internal("pd_dump phase %s: %.3f s (leader CPU %.3f s)", phase,
                                     (double) TimestampDifferenceMilliseconds(*since, now) / 1000.0,
                                     cpu - phase_cpu_start)));
    phase_cpu_start = cpu;
    *since = now;
}

void read_plan(DumpState *st, TimestampTz *phase_start) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    pd::DumpPlan *plan = st->plan;
    const PdDumpOptions *o = st->options;
    pd::cxx_call([&] {
        pd::OutputOptions out;
        out.schema_only = o->schema_only;
        out.data_only = o->data_only;
        out.no_owner = o->no_owner;
        out.no_privileges = o->no_privileges;
        out.no_comments = o->no_comments;
        out.no_publications = o->no_publications;
        out.no_subscriptions = o->no_subscriptions;
        out.no_blobs = o->no_blobs;
        plan->set_output_options(out);
        plan->set_memory_probe(pd_memory_sample);
    });
    lock_relations(st);
    report_phase("lock", phase_start);
    read_catalog(st);
    SPI_finish();
    report_phase("catalog", phase_start);
    char notes[8][256];
    int nnotes = 0;
    pd::cxx_call([&] {
        std::vector<std::string> found;
        plan->finalize(&found);
        for (const std::string &s : found)
            if (nnotes < 8)
                strlcpy(notes[nnotes++], s.c_str(), sizeof notes[0]);
    });
    /* the archive may not restore as it is: say so, as pg_dump warns of loops it cannot resolve */
    for (int i = 0; i < nnotes; i++)
        ereport(WARNING, (errmsg("pd_dump: %s", notes[i]),
                          errhint("pg_restore may fail on these entries; check the archive with pg_restore -l.")));
    report_phase("plan", phase_start);
    pd::cxx_call([&] {
        st->items = plan->data_items().data();
        st->nitems = (int) plan->data_items().size();
    });
    st->pieces = pd_plan_table_pieces(st->items, st->nitems, o->jobs, st->scheduler);
    st->leader_items =
        (int *) MemoryContextAllocZero(TopTransactionContext, sizeof(int) * (st->pieces->nids + 1));
}

Size shared_size(int nitems) { return offsetof(PdDumpShared, created) + sizeof(bool) * (Size) (nitems + 1); }

void start_workers(DumpState *st) {
    PdDumpShared *shared;
    st->pool = pd_pool_create("pd_dump", st->options->jobs, MyDatabaseId, "pd_worker_main", PD_DUMP_WORKER_TYPE,
                              shared_size(st->pieces->nids), (void **) &shared, st->snapshot);
    shared->compression = st->options->compression;
    strlcpy(shared->directory, st->options->directory, MAXPGPATH);
    shared->nitems = st->pieces->nids;
    st->shared = shared;
    int jobs = st->options->jobs;
    st->worker_item = (int *) MemoryContextAlloc(TopTransactionContext, sizeof(int) * jobs);
    st->worker_rss_kb = (uint64 *) MemoryContextAllocZero(TopTransactionContext, sizeof(uint64) * jobs);
    st->worker_context_bytes = (uint64 *) MemoryContextAllocZero(TopTransactionContext, sizeof(uint64) * jobs);
    st->worker_private_kb = (uint64 *) MemoryContextAllocZero(TopTransactionContext, sizeof(uint64) * jobs);
    for (int i = 0; i < jobs; i++)
        st->worker_item[i] = -1;
    (void) pd_progress_set_workers(pd_pool_start(st->pool));
    pd_timeline_begin(jobs);
}

/* The list of files this dump made outlives the pool's shared memory. */
void keep_created_list(DumpState *st) {
    Size size = shared_size(st->pieces->nids);
    PdDumpShared *copy = (PdDumpShared *) MemoryContextAlloc(TopTransactionContext, size);
    memcpy(copy, st->shared, size);
    st->shared = copy;
}

/* Best effort, never raises an ERROR: removes only what this dump created. */
void remove_created(DumpState *st) {
    const char *dir = st->options->directory;
    const char *suffix = st->options->compression == 0 ? ".dat" : ".dat.gz";
    PdDumpShared *sh = st->shared;
    for (int i = 0; sh != NULL && i < sh->nitems; i++) {
        if (!sh->created[i])
            continue;
        char name[64];
        if (i >= st->nitems)
            pd_piece_file_name(name, sizeof name, st->items[pd_piece_table_item(st->pieces, i)].dump_id,
                               pd_piece_of(st->pieces, i)->number);
        else
            snprintf(name, sizeof name, "%d%s", st->items[i].dump_id, suffix);
        pd_remove_archive_file(dir, name);
    }
    if (sh != NULL && sh->blobs.any_blob)
        pd_remove_blob_files(dir, sh->blobs.last_blob, suffix);
    if (sh != NULL && sh->blobs.toc_created)
        pd_remove_archive_file(dir, "blobs.toc");
    pd_remove_manifest(dir);
    if (st->statistics_created)
        pd_remove_statistics_file(dir, st->options->compression);
    if (st->toc_written)
        pd_remove_archive_file(dir, "toc.dat");
    else if (st->claimed)
        pd_remove_archive_file(dir, PD_TOC_TMP_NAME);
    if (st->created_dir)
        pd_remove_archive_dir(dir);
}

const char *item_label(DumpState *st, int id) { return st->items[pd_piece_table_item(st->pieces, id)].label.c_str(); }

/* A piece is written: into its table's file with the pieces before it. */
void piece_written(DumpState *st, int id) {
    pd_piece_written(st->pieces, id, st->items, st->options->directory, st->options->compression,
                     st->shared->created);
}

void dump_in_leader_timed(DumpState *st, int id);

void dump_in_leader(DumpState *st, int id) {
    TimestampTz start = GetCurrentTimestamp();
    dump_in_leader_timed(st, id);
    pd_timeline_leader((double) (GetCurrentTimestamp() - start) / 1e6);
}

void dump_in_leader_timed(DumpState *st, int id) {
    const char *dir = st->options->directory;
    int compression = st->options->compression;
    if (pd_piece_is_join(st->pieces, id)) {
        pd_piece_finish_table(st->pieces, id, st->items, dir, compression);
        pd::cxx_call([&] { st->scheduler->done(id); });
        pd_progress_item_done(); /* a split table counts once, when its pieces are joined */
        return;
    }
    int item = pd_piece_table_item(st->pieces, id);
    const PdPiece *piece = pd_piece_of(st->pieces, id);
    const pd::DataItem &it = st->items[item];
    volatile bool *created = pd_created_flag(st->shared, id, item, piece ? piece->number : -1);
    uint64 bytes;
    MemoryContext old = MemoryContextSwitchTo(st->itemcxt);
    if (it.kind == pd::DATA_BLOBS) {
        (void) pd_write_blobs(dir, compression, &bytes, &st->shared->blobs);
    } else {
        const char *label = it.label.c_str();
        if (st->lock_each_table) {
            lock_table(it.relid, label);
            pd_check_table_readable(it.relid, label);
        }
        char *path = pd_piece_path(dir, it.dump_id, piece ? piece->number : 0, compression);
        if (it.kind == pd::DATA_FILTERED)
            (void) pd_write_filtered_data(it.relid, label, it.ncols, path, compression, &bytes, created);
        else
            (void) pd_write_table_range(it.relid, label, it.ncols, path, compression, st->snapshot,
                                        piece ? &piece->range : NULL, &bytes, created);
        if (st->lock_each_table)
            UnlockRelationOid(it.relid, AccessShareLock);
    }
    MemoryContextSwitchTo(old);
    MemoryContextReset(st->itemcxt);
    pd::cxx_call([&] { st->scheduler->done(id); });
    if (piece == NULL)
        pd_progress_item_done();
    piece_written(st, id);
}

bool feed_worker(DumpState *st, int w);

/* Reads every reply waiting from one worker; true if anything arrived. */
bool poll_worker(DumpState *st, int w) {
    bool progress = false;
    for (;;) {
        void *data;
        Size nbytes;
        PdPoolResult res = pd_pool_receive(st->pool, w, &data, &nbytes);
        if (res != PD_POOL_MESSAGE)
            return progress;
        progress = true;
        PdReply reply;
        if (pd_manifest_receive(data, nbytes))
            continue;
        if (nbytes != sizeof reply)
            elog(ERROR, "parallel_dump worker %d sent a malformed reply", w);
        memcpy(&reply, data, sizeof reply);
        if (reply.item != st->worker_item[w])
            elog(ERROR, "parallel_dump worker %d replied for an item it was not given", w);
        st->worker_rss_kb[w] = reply.peak_rss_kb;
        st->worker_context_bytes[w] = reply.context_bytes;
        st->worker_private_kb[w] = reply.private_kb;
        pd_timeline_done(w, reply.cpu_seconds);
        if (reply.type == PD_MSG_DONE && pd_piece_of(st->pieces, reply.item) != NULL) {
            /*
             * The worker's next item first: appending and hashing the piece
             * takes the leader a while (it idled workers 0.6 s of 5.5).  Its
             * table's join is not ready before the piece is done below.
             */
            st->worker_item[w] = -1;
            pd_pool_task_done(st->pool, w);
            (void) feed_worker(st, w);
            piece_written(st, reply.item);
            pd::cxx_call([&] { st->scheduler->done(reply.item); });
            continue;
        }
        if (reply.type == PD_MSG_DONE) {
            pd::cxx_call([&] { st->scheduler->done(reply.item); });
            pd_progress_item_done();
        } else if (reply.type == PD_MSG_LOCK_BUSY) {
            if (st->lock_each_table)
                ereport(NOTICE, (errmsg("table %s is locked by another session; the leader dumps it itself",
                                        item_label(st, reply.item)),
                                 errdetail("The leader waits for the lock (lock_timeout applies), then checks "
                                           "that the table is still as the dump's snapshot saw it.")));
            else
                ereport(NOTICE,
                        (errmsg("table %s has a conflicting lock request queued; the leader dumps it itself",
                                item_label(st, reply.item)),
                         errdetail("The leader already holds its lock, so waiting in a worker could deadlock.")));
            st->leader_items[st->nleader_items++] = reply.item;
        } else {
            elog(ERROR, "parallel_dump worker %d sent an unknown reply type %d", w, reply.type);
        }
        st->worker_item[w] = -1;
        pd_pool_task_done(st->pool, w);
    }
}

/* Gives an idle worker its next table, or tells it there is none. */
bool feed_worker(DumpState *st, int w) {
    if (!pd_pool_running(st->pool, w) || st->worker_item[w] >= 0)
        return false;
    int next = -1;
    pd::cxx_call([&] { next = st->scheduler->next_ready(); });
    if (next < 0) {
        pd_pool_close(st->pool, w);
        return false;
    }
    if (pd_piece_is_join(st->pieces, next)) {
        dump_in_leader(st, next); /* the table's pieces are all in its file */
        return true;
    }
    const PdPiece *piece = pd_piece_of(st->pieces, next);
    const pd::DataItem &it = st->items[pd_piece_table_item(st->pieces, next)];
    PdWorkItem msg;
    memset(&msg, 0, sizeof msg);
    msg.kind = it.kind;
    msg.item = next;
    msg.table_item = pd_piece_table_item(st->pieces, next);
    msg.piece = piece ? piece->number : -1;
    msg.start_block = piece ? piece->range.start : 0;
    msg.end_block = piece ? piece->range.end : InvalidBlockNumber;
    msg.dump_id = it.dump_id;
    msg.relid = it.relid;
    msg.ncols = it.ncols;
    strlcpy(msg.label, it.label.c_str(), sizeof msg.label);
    MemoryContext old = MemoryContextSwitchTo(st->itemcxt);
    bool sent = pd_pool_send(st->pool, w, &msg, sizeof msg, psprintf("dumping table %s", item_label(st, next)));
    MemoryContextSwitchTo(old);
    MemoryContextReset(st->itemcxt);
    if (!sent) {
        /* the worker is gone; its replies say why, the leader keeps the table */
        st->leader_items[st->nleader_items++] = next;
        return true;
    }
    st->worker_item[w] = next;
    pd_timeline_sent(w, next, it.label.c_str(), msg.piece);
    return true;
}

void dispatch(DumpState *st) {
    for (;;) {
        bool progress = false;
        int running = 0;
        for (int w = 0; w < pd_pool_slots(st->pool); w++) {
            progress |= poll_worker(st, w);
            progress |= feed_worker(st, w);
            if (pd_pool_running(st->pool, w))
                running++;
        }
        if (st->nleader_items > 0) {
            dump_in_leader(st, st->leader_items[--st->nleader_items]);
            continue;
        }
        size_t remaining = 0;
        pd::cxx_call([&] { remaining = st->scheduler->remaining(); });
        if (running == 0) {
            if (remaining == 0)
                return;
            int next = -1;
            pd::cxx_call([&] { next = st->scheduler->next_ready(); });
            if (next < 0)
                elog(ERROR, "parallel_dump: %zu tables were handed out but never finished", remaining);
            dump_in_leader(st, next);
            continue;
        }
        if (!progress) {
            (void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 1000, PG_WAIT_EXTENSION);
            ResetLatch(MyLatch);
        }
        CHECK_FOR_INTERRUPTS();
    }
}

/* The last line of defence: toc.dat is never written over a missing data file. */
void check_every_data_file(DumpState *st) {
    for (int i = 0; i < st->nitems; i++) {
        char *path = st->items[i].kind == pd::DATA_BLOBS
                         ? psprintf("%s/blobs.toc", st->options->directory)
                         : pd_data_file_path(st->options->directory, st->items[i].dump_id, st->options->compression);
        struct stat sb;
        if (stat(path, &sb) != 0)
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                            errmsg("data file \"%s\" of table %s is missing", path, item_label(st, i)),
                            errdetail("The archive is incomplete and has been removed.")));
        pfree(path);
    }
}

/* How much memory the leader and each worker needed, for DEBUG1. */
void report_memory(DumpState *st) {
    for (int w = 0; w < st->options->jobs; w++)
        if (st->worker_rss_kb[w] > 0)
            ereport(DEBUG1, (errmsg_internal("pd_dump worker %d: peak resident memory " UINT64_FORMAT
                                             " kB, memory contexts " UINT64_FORMAT " bytes, private memory "
                                             UINT64_FORMAT " kB at most",
                                             w, st->worker_rss_kb[w], st->worker_context_bytes[w],
                                             st->worker_private_kb[w])));
    pd_memory_sample();
    ereport(DEBUG1, (errmsg_internal("pd_dump leader: peak resident memory " UINT64_FORMAT
                                     " kB, memory contexts " UINT64_FORMAT " bytes at most, malloc " UINT64_FORMAT
                                     " bytes at most, outside the contexts " UINT64_FORMAT
                                     " bytes at most, private memory " UINT64_FORMAT " kB at most, plan file "
                                     UINT64_FORMAT " kB at most",
                                     pd_peak_rss_kb(), pd_context_peak(), pd_malloc_peak(), pd_heap_peak(),
                                     pd_private_peak_kb(), pd_spill_heap_peak_kb(st->heap))));
}

/* The header toc.dat is written with, and the plan it comes from (pd_write_toc's callback). */
struct TocSource {
    DumpState *st;
    const char *dbname;
    const char *server_version;
    PdSha256 sha; /* of the bytes written so far */
    uint64 size;
};

bool next_toc_chunk(void *arg, const char **data, size_t *len) {
    TocSource *src = (TocSource *) arg;
    const PdDumpOptions *o = src->st->options;
    const std::string *chunk = nullptr;
    pd::cxx_call([&] {
        pd::ArchiveHeader h;
        h.compression = o->compression;
        const struct pg_tm &t = o->start_time;
        int tm[7] = {t.tm_sec, t.tm_min, t.tm_hour, t.tm_mday, t.tm_mon - 1, t.tm_year - 1900, t.tm_isdst > 0};
        std::copy(tm, tm + 7, h.tm);
        h.dbname = src->dbname;
        h.server_version = src->server_version;
        h.dumper_version = std::string("parallel_dump 0.1 (PostgreSQL ") + src->server_version + ")";
        chunk = src->st->plan->next_toc_chunk(h);
    });
    if (chunk == nullptr)
        return false;
    *data = chunk->data();
    *len = chunk->size();
    pd_sha256_update(&src->sha, *data, *len); /* for the manifest */
    src->size += *len;
    CHECK_FOR_INTERRUPTS();
    return true;
}

/* toc.dat, streamed from the plan a piece at a time. */
void write_toc(DumpState *st) {
    TocSource src = {st, get_database_name(MyDatabaseId), GetConfigOption("server_version", false, false), {}, 0};
    pd_sha256_begin(&src.sha);
    pd_write_toc(st->options->directory, next_toc_chunk, &src);
    uint8 digest[PG_SHA256_DIGEST_LENGTH];
    pd_sha256_final(&src.sha, digest);
    pd_manifest_note("toc.dat", src.size, digest, src.sha.ns);
    st->toc_written = true;
}

void write_archive(DumpState *st, TimestampTz *since);

void run(DumpState *st) {
    TimestampTz phase_start = GetCurrentTimestamp();
    phase_cpu_start = pd_cpu_seconds();
    pd_memory_reset_peaks();
    /* patterns first: unqualified table names follow the caller's search_path */
    pd_resolve_selection(st->options, &st->selection);
    if (st->options->mirror)
        pd_progress_begin("pd_mirror", pd_remote_masked_conninfo(st->options->mirror->conninfo), st->options->jobs, 0, 0);
    else
        pd_progress_begin("pd_dump", st->options->directory, st->options->jobs, 0, 0);
    int guc_level = pd_push_dump_settings();
    st->snapshot = RegisterSnapshot(GetTransactionSnapshot());
    PushActiveSnapshot(st->snapshot);

    read_plan(st, &phase_start);
    if (st->options->mirror) {
        pd_mirror_run_plan(st->options->mirror, st->plan, st->snapshot, st->lock_each_table, st->pieces);
        report_phase("mirror", &phase_start);
    } else
        write_archive(st, &phase_start);

    PopActiveSnapshot();
    UnregisterSnapshot(st->snapshot);
    pd_restore_settings(guc_level);
}

void write_archive(DumpState *st, TimestampTz *since) {
    TimestampTz &phase_start = *since;
    pd_progress_dump_planned(st->items, st->nitems);
    st->itemcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_dump item", ALLOCSET_DEFAULT_SIZES);
    start_workers(st);
    dispatch(st);
    /* every worker has seen its work queue close; wait until each has exited */
    keep_created_list(st);
    pd_pool_wait_exit(st->pool);
    st->pool = NULL;
    pd_timeline_report();
    report_phase("data", &phase_start);
    pd_progress_phase(PD_PHASE_FINISHING);
    check_every_data_file(st);
    report_memory(st);
    if (st->options->statistics && !st->options->schema_only)
        pd_dump_statistics(st->options->directory, st->options->compression, &st->selection, st->snapshot,
                           &st->statistics_created);
    write_toc(st);
    report_phase("toc", &phase_start);
    pd_write_manifest(st->options->directory); /* last: an archive without it is incomplete */
}

/* The dump in progress in this backend, for the exit callback. */
DumpState *running_dump = NULL;

/*
 * A FATAL exit (pg_terminate_backend, shutdown, a pg_cron job stopped) skips
 * PG_CATCH.  This runs before the transaction is aborted, while the dump's
 * state is still valid: stop the workers, then remove what was written.
 */
void cleanup_at_exit(int, Datum) {
    DumpState *st = running_dump;
    running_dump = NULL;
    if (st == NULL)
        return;
    pd_pool_terminate(st->pool);
    remove_created(st);
}

} // namespace

void pd_run_dump(const PdDumpOptions *options) {
    static bool exit_callback_registered = false;
    if (!exit_callback_registered) {
        before_shmem_exit(cleanup_at_exit, (Datum) 0);
        exit_callback_registered = true;
    }
    DumpState *st = (DumpState *) MemoryContextAllocZero(TopTransactionContext, sizeof(DumpState));
    st->options = options;
    /* closed below, or with the transaction when the dump fails */
    st->spill = pd_spill_file_create();
    st->heap = pd_spill_heap_create();
    pd::cxx_call([&] {
        st->texts = new pd::SpillTextStore(st->spill);
        st->plan = new pd::DumpPlan(st->texts);
        st->scheduler = new pd::WorkScheduler();
    });
    running_dump = st;
    pd_manifest_begin();
    PG_TRY();
    {
        if (!options->mirror)
            pd_create_archive_directory(options->directory, &st->created_dir, &st->claimed);
        run(st);
    }
    PG_CATCH();
    {
        /* stop every worker before removing files, so none writes after us */
        HOLD_INTERRUPTS();
        running_dump = NULL;
        pd_pool_terminate(st->pool);
        remove_created(st);
        free_cxx(st);
        pd_progress_end(false);
        RESUME_INTERRUPTS();
        PG_RE_THROW();
    }
    PG_END_TRY();
    running_dump = NULL;
    free_cxx(st);
    pd_spill_file_close(st->spill);
    pd_progress_end(true);
}
