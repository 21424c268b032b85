/*
 * pd_mirror's leader (mirror_leader.h).  The source of the entries is the
 * live dump plan instead of an archive's TOC, pd::RestorePlan orders them as
 * for pd_restore, pd::WorkScheduler hands out the parallel phase largest
 * first (each item after its dependencies, never two locking one table),
 * and the worker pool runs them, as for pd_dump and pd_restore.
 *
 * A big table is cut into block ranges by the dump engine's own planning
 * (table_pieces.h): each range is a work item of its own, scanned under the
 * snapshot and streamed into a COPY of its own on the worker's connection
 * (without FREEZE: the pieces' transactions append to one table).  The
 * table's data item becomes the join of its pieces, so that its indexes and
 * constraints, which depend on it, wait for every piece.
 */
#include "mirror_leader.h"
#include "progress.h"
#include "progress_plans.h"

#include <memory>
#include <unordered_map>

#include "../pure/dump_plan.h"
#include "../pure/restore_plan.h"
#include "cxx_guard.h"
#include "mirror_copy.h"
#include "mirror_database.h"
#include "owner_sql.h"
#include "table_pieces.h"

namespace {

/* Consecutive serial entries share a transaction on the target, as pg_restore 17's --transaction-size. */
const int kSerialBatch = 1000;

/* pg_restore's fixed session state, plus what makes a bulk load cheap on the target. */
const char *const kSessionSettings =
    "SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
    " SET check_function_bodies = false; SET xmloption = content; SET client_min_messages = warning;"
    " SET row_security = off; SET DateStyle = ISO; SET IntervalStyle = postgres;"
    " SET synchronous_commit = off;";

/* Lives in TopTransactionContext; the C++ objects are freed on every path. */
typedef struct MirrorState {
    PdMirrorRun *m;
    std::vector<pd::TocEntry> *entries;
    std::unordered_map<int, pd::DataItem> *data; /* dump id -> the table data item */
    std::unordered_map<int, int> *data_index;    /* dump id -> its index in the dump's data items */
    const PdTablePieces *pieces;                 /* the dump's block ranges of big tables */
    pd::RestorePlan *plan;
    pd::WorkScheduler *scheduler;
    Snapshot snapshot;
    bool lock_each_table;
    PdMirrorShared *shared;
    int *sched_item;  /* scheduler id -> plan item */
    int *sched_piece; /* scheduler id -> index into pieces->pieces, -1 when not a piece */
    bool *sched_join; /* scheduler id -> a split table's item, done once its pieces are */
    int *worker_item; /* per worker: the plan item it runs, -1 when idle */
    int *worker_sched;
    MemoryContext itemcxt;
} MirrorState;

void free_cxx(MirrorState *st) {
    delete st->entries;
    delete st->data;
    delete st->data_index;
    delete st->plan;
    delete st->scheduler;
    st->entries = nullptr;
    st->data = nullptr;
    st->data_index = nullptr;
    st->plan = nullptr;
    st->scheduler = nullptr;
}

const pd::TocEntry &entry_of(MirrorState *st, int item) { return (*st->entries)[st->plan->items()[item].entry]; }

char *entry_label(const pd::TocEntry &e) {
    return psprintf("TOC entry %d; %s %s%s%s", e.dump_id, e.desc.c_str(), e.nspace ? e.nspace->c_str() : "",
                    e.nspace ? "." : "", e.tag.c_str());
}

/*
 * The entry's SQL and its owner, or "" (in the current context), after the
 * tablespace and table access method it asks for, as pg_restore sets them.
 */
char *entry_sql(MirrorState *st, const pd::TocEntry &e) {
    if (!e.defn || e.defn->empty())
        return pstrdup("");
    StringInfoData buf;
    initStringInfo(&buf);
    if (e.tablespace)
        appendStringInfo(&buf, "SET default_tablespace = %s;\n",
                         e.tablespace->empty() ? "''" : quote_identifier(e.tablespace->c_str()));
    if (e.tableam && !e.tableam->empty())
        appendStringInfo(&buf, "SET default_table_access_method = %s;\n", quote_identifier(e.tableam->c_str()));
    appendStringInfoString(&buf, e.defn->c_str());
    char *owner = st->m->no_owner ? NULL : pd_owner_statement(e);
    if (owner)
        appendStringInfo(&buf, "\n%s", owner);
    return buf.data;
}

/* The dump's plan as a restore plan; the settings entries become every session's first SQL. */
void build_plan(MirrorState *st, pd::DumpPlan *dump, char *settings, size_t settings_size) {
    char error[512] = "";
    std::string *setup = nullptr;
    pd::cxx_call([&] {
        st->entries = new std::vector<pd::TocEntry>(dump->entries());
        st->data = new std::unordered_map<int, pd::DataItem>();
        st->data_index = new std::unordered_map<int, int>();
        for (size_t i = 0; i < dump->data_items().size(); i++) {
            const pd::DataItem &d = dump->data_items()[i];
            (*st->data)[d.dump_id] = d;
            (*st->data_index)[d.dump_id] = (int) i;
        }
        std::vector<long long> sizes(st->entries->size(), 0);
        setup = new std::string(kSessionSettings);
        for (size_t i = 0; i < st->entries->size(); i++) {
            const pd::TocEntry &e = (*st->entries)[i];
            auto d = st->data->find(e.dump_id);
            if (d != st->data->end())
                sizes[i] = d->second.size_bytes;
            if ((e.desc == "ENCODING" || e.desc == "STDSTRINGS" || e.desc == "SEARCHPATH") && e.defn)
                *setup += " " + *e.defn;
        }
        st->plan = new pd::RestorePlan();
        std::string err;
        if (!st->plan->build(*st->entries, sizes, pd::RestoreSelection(), &err))
            strlcpy(error, err.c_str(), sizeof error);
        if (setup->size() < settings_size)
            strlcpy(settings, setup->c_str(), settings_size);
        else
            strlcpy(error, "the session settings are too long", sizeof error);
        delete setup;
        setup = nullptr;
    });
    if (error[0])
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("pd_mirror could not plan the copy: %s", error)));
}

/*
 * The COPY of a table data entry (without options); into a table this copy
 * created, emptied in the same transaction so that the rows load frozen.
 */
void copy_statements(MirrorState *st, int item, const pd::TocEntry &e, PdMirrorItem *msg, char **prefix,
                     char **sql) {
    const pd::RestoreItem &it = st->plan->items()[item];
    char *copy = pstrdup(e.copy_stmt ? e.copy_stmt->c_str() : "");
    int len = (int) strlen(copy);
    while (len > 0 && (copy[len - 1] == '\n' || copy[len - 1] == ';' || copy[len - 1] == ' '))
        copy[--len] = '\0';
    *sql = copy;
    *prefix = pstrdup("");
    if (msg->piece < 0 && it.table_item >= 0 && !st->m->data_only && !st->m->load_via_partition_root && e.nspace &&
        e.desc == "TABLE DATA") {
        *prefix = psprintf("TRUNCATE TABLE ONLY %s", quote_qualified_identifier(e.nspace->c_str(), e.tag.c_str()));
        msg->flags |= PD_MIRROR_FREEZE;
    }
}

/*
 * The work item for a plan item, or for piece (an index into
 * st->pieces->pieces, -1 for none) of its table (head and text, in the
 * current context).
 */
PdMirrorItem *make_item(MirrorState *st, int item, int piece, char **text) {
    const pd::TocEntry &e = entry_of(st, item);
    const pd::RestoreItem &it = st->plan->items()[item];
    PdMirrorItem *msg = (PdMirrorItem *) palloc0(sizeof(PdMirrorItem));
    msg->item = item;
    msg->piece = -1;
    if (piece >= 0) {
        const PdPiece &p = st->pieces->pieces[piece];
        msg->piece = p.number;
        msg->start_block = p.range.start;
        msg->end_block = p.range.end;
    }
    char *prefix = pstrdup(""), *sql;
    if (it.work == pd::WORK_COPY) {
        auto d = st->data->find(e.dump_id);
        if (d == st->data->end())
            elog(ERROR, "pd_mirror: TOC entry %d has no table data item", e.dump_id);
        msg->work = PD_MIRROR_COPY;
        msg->kind = d->second.kind;
        msg->relid = d->second.relid;
        msg->ncols = d->second.ncols;
        strlcpy(msg->label, d->second.label.c_str(), sizeof msg->label);
        copy_statements(st, item, e, msg, &prefix, &sql);
    } else {
        msg->work = it.work == pd::WORK_BLOBS ? PD_MIRROR_BLOBS : PD_MIRROR_SQL;
        strlcpy(msg->label, entry_label(e), sizeof msg->label);
        sql = entry_sql(st, e);
    }
    msg->prefix_len = (int32) strlen(prefix);
    msg->sql_len = (int32) strlen(sql);
    *text = psprintf("%s%s", prefix, sql);
    return msg;
}

void count_done(MirrorState *st, int item, uint64 rows) {
    const pd::RestoreItem &it = st->plan->items()[item];
    st->m->entries++;
    pd_progress_item_done();
    if (it.work == pd::WORK_COPY) {
        st->m->tables++;
        st->m->rows += (int64) rows;
    } else if (it.work == pd::WORK_BLOBS) {
        st->m->blobs += (int64) rows;
    }
}

/* A piece's rows are in: they count now, its table once all its pieces are in. */
void count_piece_done(MirrorState *st, uint64 rows) { st->m->rows += (int64) rows; }

/* An item (or piece) on the leader's own connection (a serial phase, or a table a worker found locked). */
void run_in_leader(MirrorState *st, int item, int piece = -1) {
    MemoryContext old = MemoryContextSwitchTo(st->itemcxt);
    char *text;
    PdMirrorItem *msg = make_item(st, item, piece, &text);
    bool lock = msg->work == PD_MIRROR_COPY && st->lock_each_table;
    if (lock)
        LockRelationOid(msg->relid, AccessShareLock); /* honours lock_timeout */
    uint64 rows = pd_mirror_run_item(&st->m->leader, msg, text, st->snapshot);
    if (lock)
        UnlockRelationOid(msg->relid, AccessShareLock);
    MemoryContextSwitchTo(old);
    MemoryContextReset(st->itemcxt);
    if (piece >= 0)
        count_piece_done(st, rows);
    else
        count_done(st, item, rows);
}

/* A serial phase: in order, consecutive SQL entries batched in one transaction. */
void run_serial(MirrorState *st, pd::RestorePhase phase) {
    std::vector<int> *items = nullptr;
    int n = 0;
    pd::cxx_call([&] {
        pd::spill_vector<int> of_phase = st->plan->phase_items(phase);
        items = new std::vector<int>(of_phase.begin(), of_phase.end());
        n = (int) items->size();
    });
    int *list = (int *) palloc(sizeof(int) * (n + 1));
    pd::cxx_call([&] {
        std::copy(items->begin(), items->end(), list);
        delete items;
    });
    PdRemote *r = &st->m->leader;
    bool in_txn = false;
    int batched = 0;
    for (int i = 0; i < n; i++) {
        CHECK_FOR_INTERRUPTS();
        bool sql = st->plan->items()[list[i]].work == pd::WORK_SQL;
        if (in_txn && (!sql || batched >= kSerialBatch)) {
            pd_remote_exec(r, "COMMIT", "committing a batch of entries");
            in_txn = false;
        }
        if (sql && !in_txn) {
            pd_remote_exec(r, "BEGIN", "starting a batch of entries");
            in_txn = true;
            batched = 0;
        }
        run_in_leader(st, list[i]);
        batched++;
    }
    if (in_txn)
        pd_remote_exec(r, "COMMIT", "committing a batch of entries");
    pfree(list);
}

bool send_to_worker(MirrorState *st, int w, int id) {
    int item = st->sched_item[id];
    MemoryContext old = MemoryContextSwitchTo(st->itemcxt);
    char *text;
    PdMirrorItem *msg = make_item(st, item, st->sched_piece[id], &text);
    if (msg->piece >= 0)
        ereport(DEBUG1, (errmsg_internal("pd_mirror: worker %d copies %s, piece %d", w, msg->label, msg->piece)));
    Size len = sizeof *msg + (Size) msg->prefix_len + (Size) msg->sql_len;
    char *buf = (char *) palloc(len);
    memcpy(buf, msg, sizeof *msg);
    memcpy(buf + sizeof *msg, text, len - sizeof *msg);
    bool sent = pd_pool_send(st->m->pool, w, buf, len, psprintf("mirroring %s", msg->label));
    MemoryContextSwitchTo(old);
    MemoryContextReset(st->itemcxt);
    return sent;
}

/* Reads a worker's reply, if any: true when it finished its item. */
bool collect(MirrorState *st, int w) {
    void *data;
    Size len;
    if (pd_pool_receive(st->m->pool, w, &data, &len) != PD_POOL_MESSAGE)
        return false;
    PdReply reply;
    if (len != sizeof reply)
        elog(ERROR, "parallel_dump mirror worker %d sent a malformed reply", w);
    memcpy(&reply, data, sizeof reply);
    int item = st->worker_item[w];
    if (item < 0 || reply.item != item)
        elog(ERROR, "parallel_dump mirror worker %d replied for an item it was not given", w);
    pd_pool_task_done(st->m->pool, w);
    st->worker_item[w] = -1;
    int id = st->worker_sched[w];
    int piece = st->sched_piece[id];
    if (reply.type == PD_MSG_LOCK_BUSY) {
        ereport(NOTICE, (errmsg("table %s is locked by another session; the leader copies it itself",
                                entry_label(entry_of(st, item)))));
        run_in_leader(st, item, piece);
    } else if (reply.type == PD_MSG_DONE && piece >= 0) {
        count_piece_done(st, reply.rows);
    } else if (reply.type == PD_MSG_DONE) {
        count_done(st, item, reply.rows);
    } else {
        elog(ERROR, "parallel_dump mirror worker %d sent an unknown reply type %d", w, reply.type);
    }
    pd::cxx_call([&] { st->scheduler->done(id); });
    return true;
}

/* The next ready item that locks no table a running item locks, or -1. */
int next_item(MirrorState *st) {
    int next = -1;
    int slots = pd_pool_slots(st->m->pool);
    pd::cxx_call([&] {
        next = st->scheduler->next_ready_if([&](int id) {
            for (int o = 0; o < slots; o++)
                if (st->worker_item[o] >= 0 && st->plan->conflict(st->sched_item[id], st->worker_item[o]))
                    return false;
            return true;
        });
    });
    return next;
}

/* The dump's pieces of plan item item's table: the index of the first in st->pieces->pieces, and how many. */
int pieces_of(MirrorState *st, int item, int *count) {
    *count = 0;
    const pd::RestoreItem &it = st->plan->items()[item];
    if (it.work != pd::WORK_COPY || st->pieces == NULL)
        return -1;
    auto d = st->data_index->find((*st->entries)[it.entry].dump_id);
    if (d == st->data_index->end() || d->second >= st->pieces->nitems || st->pieces->first[d->second] < 0)
        return -1;
    *count = st->pieces->count[d->second];
    return st->pieces->first[d->second] - st->pieces->nitems;
}

/*
 * The scheduler of the parallel phase: its n plan items (a split table's
 * data item as the join of its pieces, which post-data items depend on),
 * then every piece, after what its table's item depends on.  Returns the
 * number of scheduler ids; st's arrays of them have room for every piece.
 */
int schedule_main(MirrorState *st, const pd::spill_vector<int> &items, int *local) {
    int n = (int) items.size();
    std::vector<int> first(n, -1), count(n, 0);
    int total = n;
    for (int i = 0; i < n; i++) {
        local[items[i]] = i;
        first[i] = pieces_of(st, items[i], &count[i]);
        if (first[i] >= 0)
            total += count[i];
    }
    delete st->scheduler;
    st->scheduler = new pd::WorkScheduler();
    int next_piece = n;
    for (int i = 0; i < n; i++) {
        const pd::RestoreItem &it = st->plan->items()[items[i]];
        std::vector<int> deps;
        for (int d : it.deps)
            deps.push_back(local[d]);
        std::vector<int> join_deps = deps;
        for (int k = 0; k < (first[i] >= 0 ? count[i] : 0); k++)
            join_deps.push_back(next_piece + k);
        int id = st->scheduler->add(it.size, join_deps);
        st->sched_item[id] = items[i];
        st->sched_piece[id] = -1;
        st->sched_join[id] = first[i] >= 0;
        next_piece += first[i] >= 0 ? count[i] : 0;
    }
    for (int i = 0; i < n; i++) {
        if (first[i] < 0)
            continue;
        const pd::RestoreItem &it = st->plan->items()[items[i]];
        std::vector<int> deps;
        for (int d : it.deps)
            deps.push_back(local[d]);
        for (int k = 0; k < count[i]; k++) {
            int id = st->scheduler->add(it.size / count[i], deps);
            st->sched_item[id] = items[i];
            st->sched_piece[id] = first[i] + k;
        }
    }
    return total;
}

/* Data and post-data, in parallel on the workers' connections. */
void run_parallel(MirrorState *st) {
    Size nplan = st->plan->items().size();
    Size ids = nplan + (st->pieces ? (Size) (st->pieces->nids - st->pieces->nitems) : 0) + 1;
    int *local = (int *) palloc(sizeof(int) * (nplan + 1));
    st->sched_item = (int *) palloc(sizeof(int) * ids);
    st->sched_piece = (int *) palloc(sizeof(int) * ids);
    st->sched_join = (bool *) palloc0(sizeof(bool) * ids);
    int n = 0;
    pd::cxx_call([&] { n = schedule_main(st, st->plan->phase_items(pd::PHASE_MAIN), local); });
    int slots = pd_pool_slots(st->m->pool);
    int done = 0;
    while (done < n) {
        bool progress = false;
        int running = 0;
        for (int w = 0; w < slots; w++) {
            if (collect(st, w)) {
                done++;
                progress = true;
            }
            if (!pd_pool_running(st->m->pool, w))
                continue;
            running++;
            if (st->worker_item[w] >= 0)
                continue;
            int id;
            /* a split table's item is done once its pieces are: its post-data items are ready then */
            while ((id = next_item(st)) >= 0 && st->sched_join[id]) {
                count_done(st, st->sched_item[id], 0);
                pd::cxx_call([&] { st->scheduler->done(id); });
                done++;
                progress = true;
            }
            if (id < 0)
                continue;
            st->worker_item[w] = st->sched_item[id];
            st->worker_sched[w] = id;
            if (!send_to_worker(st, w, id))
                ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                                errmsg("parallel_dump mirror worker %d is gone", w)));
            progress = true;
        }
        if (running == 0)
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("every parallel_dump mirror worker has exited")));
        bool busy = false;
        for (int w = 0; w < slots; w++)
            busy |= st->worker_item[w] >= 0;
        if (!progress && !busy && done < n) {
            /* nothing runs and nothing is ready: a dependency loop; go on regardless, as pg_restore does */
            int id = -1;
            pd::cxx_call([&] { id = st->scheduler->next_despite_dependencies(); });
            if (id < 0)
                elog(ERROR, "pd_mirror: %d entries could not be scheduled", n - done);
            if (st->sched_join[id])
                count_done(st, st->sched_item[id], 0);
            else
                run_in_leader(st, st->sched_item[id], st->sched_piece[id]);
            pd::cxx_call([&] { st->scheduler->done(id); });
            done++;
            continue;
        }
        if (!progress) {
            (void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 1000, PG_WAIT_EXTENSION);
            ResetLatch(MyLatch);
        }
        CHECK_FOR_INTERRUPTS();
    }
}

void start_workers(MirrorState *st, const char *setup) {
    PdMirrorRun *m = st->m;
    m->pool = pd_pool_create("pd_mirror", m->jobs, MyDatabaseId, "pd_mirror_worker_main", PD_MIRROR_WORKER_TYPE,
                             sizeof(PdMirrorShared), (void **) &st->shared, st->snapshot);
    if (strlen(m->conninfo) >= PD_MIRROR_CONNINFO_SIZE)
        ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("pd_mirror: connection string is too long")));
    strlcpy(st->shared->conninfo, m->conninfo, PD_MIRROR_CONNINFO_SIZE);
    strlcpy(st->shared->setup_sql, setup, PD_MIRROR_SETUP_SIZE);
    st->shared->nitems = (int) st->plan->items().size();
    st->worker_item = (int *) MemoryContextAlloc(TopTransactionContext, sizeof(int) * m->jobs);
    st->worker_sched = (int *) MemoryContextAlloc(TopTransactionContext, sizeof(int) * m->jobs);
    for (int i = 0; i < m->jobs; i++)
        st->worker_item[i] = -1;
    if (pd_progress_set_workers(pd_pool_start(m->pool)) == 0)
        ereport(ERROR, (errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
                        errmsg("pd_mirror needs at least one background worker"),
                        errhint("Background worker slots are limited by max_worker_processes.")));
}

/*
 * The workers committed without waiting for their WAL to reach disk; one
 * synchronous commit on the target flushes everything before it.
 */
void make_durable(PdRemote *r) {
    pd_remote_exec(r, "SET synchronous_commit = on; BEGIN; SELECT pg_catalog.txid_current(); COMMIT;",
                   "the final commit");
}

} // namespace

void pd_mirror_run_plan(PdMirrorRun *m, pd::DumpPlan *dump, Snapshot snapshot, bool lock_each_table,
                        const PdTablePieces *pieces) {
    MirrorState *st = (MirrorState *) MemoryContextAllocZero(TopTransactionContext, sizeof(MirrorState));
    st->m = m;
    st->pieces = pieces;
    st->snapshot = snapshot;
    st->lock_each_table = lock_each_table;
    st->itemcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_mirror item", ALLOCSET_DEFAULT_SIZES);
    PG_TRY();
    {
        char setup[PD_MIRROR_SETUP_SIZE];
        build_plan(st, dump, setup, sizeof setup);
        pd_progress_restore_planned(st->plan, nullptr);
        pd_remote_exec(&m->leader, setup, "setting up the session");
        start_workers(st, setup);
        run_serial(st, pd::PHASE_PRE);
        pd_progress_phase(PD_PHASE_DATA);
        run_parallel(st);
        for (int w = 0; w < pd_pool_slots(m->pool); w++)
            pd_pool_close(m->pool, w);
        pd_progress_phase(PD_PHASE_POST_DATA);
        run_serial(st, pd::PHASE_ACL);
        run_serial(st, pd::PHASE_POST_ACL);
        if (m->created_db) {
            PdMirrorDbOptions o = {m->no_owner, m->no_privileges, m->no_comments, m->data_only};
            pd_mirror_database_properties(&m->leader, m->created_db, &o);
        }
        pd_progress_phase(PD_PHASE_FINISHING);
        make_durable(&m->leader);
        pd_pool_wait_exit(m->pool);
        m->pool = NULL;
    }
    PG_CATCH();
    {
        free_cxx(st);
        PG_RE_THROW();
    }
    PG_END_TRY();
    free_cxx(st);
    MemoryContextDelete(st->itemcxt);
}
