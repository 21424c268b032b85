/*
 * pd_restore's statistics step (statistics_restore.h): the leader lists the
 * relations the restore restored and starts one worker in the target; the
 * worker reads the statistics file a line at a time (bounded, each line
 * checked for the server encoding and parsed in place), applies each
 * relation's records (statistics_apply.h) in a subtransaction of its own,
 * all in one transaction.  Each relation's lock is released once its
 * statistics are written, so that the locks stay few whatever the number
 * of relations (a concurrent ANALYZE of the same table could then fail on
 * the row this transaction has not yet committed; the target of a restore
 * has no such sessions).
 */
#include "statistics_restore.h"

#include "../pure/restore_plan.h"
#include "../pure/toc_archive.h"
#include "archive_reader.h"
#include "cxx_guard.h"
#include "restore_protocol.h"
#include "statistics_apply.h"
#include "worker_pool.h"

extern "C" {
#include "utils/hsearch.h"
#include "utils/resowner.h"
}

namespace {

const size_t kReadChunk = 64 * 1024;
/* "schema\0name", both at most NAMEDATALEN - 1 bytes */
const Size kKeySize = 2 * NAMEDATALEN;

/* The worker's payload: the archive, then the restored relations as "schema\0name\0" pairs. */
typedef struct StatsShared {
    char directory[MAXPGPATH];
    int32 nnames;
    Size names_len;
    char names[FLEXIBLE_ARRAY_MEMBER];
} StatsShared;

/* What the worker did, its reply. */
typedef struct StatsCounts {
    int64 relations;
    int64 columns;
    int64 skipped_columns;
} StatsCounts;

bool wanted_desc(const std::string &desc) {
    return desc == "TABLE" || desc == "TABLE DATA" || desc == "MATERIALIZED VIEW" ||
           desc == "MATERIALIZED VIEW DATA" || desc == "INDEX";
}

bool make_key(char *key, const char *schema, const char *name) {
    size_t ls = strlen(schema), ln = strlen(name);
    if (ls >= NAMEDATALEN || ln >= NAMEDATALEN)
        return false;
    memset(key, 0, kKeySize);
    memcpy(key, schema, ls);
    memcpy(key + ls + 1, name, ln);
    return true;
}

HTAB *restored_set(const StatsShared *shared) {
    HASHCTL ctl;
    memset(&ctl, 0, sizeof ctl);
    ctl.keysize = kKeySize;
    ctl.entrysize = kKeySize;
    ctl.hcxt = CurrentMemoryContext;
    HTAB *set = hash_create("pd_restore statistics relations", Max(shared->nnames, 16), &ctl,
                            HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
    const char *p = shared->names, *end = shared->names + shared->names_len;
    char key[kKeySize];
    for (int i = 0; i < shared->nnames && p < end; i++) {
        const char *schema = p;
        const char *name = schema + strlen(schema) + 1;
        p = name + strlen(name) + 1;
        if (make_key(key, schema, name))
            (void) hash_search(set, key, HASH_ENTER, NULL);
    }
    return set;
}

/* The worker's reading state. */
typedef struct Reader {
    PdDataReader file;
    StringInfoData line;
    char *chunk;
    size_t chunk_pos, chunk_len;
    int encoding; /* the file's, from its header; the server's until then */
    pd::StatsSequence *seq;
} Reader;

/* The next line into r->line (without its newline); false at the end. */
bool next_line(Reader *r) {
    resetStringInfo(&r->line);
    for (;;) {
        if (r->chunk_pos == r->chunk_len) {
            CHECK_FOR_INTERRUPTS();
            r->chunk_len = pd_data_reader_read(&r->file, r->chunk, 1, kReadChunk);
            r->chunk_pos = 0;
            if (r->chunk_len == 0) {
                if (r->line.len > 0)
                    ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED),
                                    errmsg("statistics file \"%s\" ends inside a line", r->file.path)));
                return false;
            }
        }
        const char *start = r->chunk + r->chunk_pos;
        size_t avail = r->chunk_len - r->chunk_pos;
        const char *nl = (const char *) memchr(start, '\n', avail);
        size_t take = nl ? (size_t) (nl - start) : avail;
        if ((size_t) r->line.len + take >= pd::kStatsMaxLine)
            ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                            errmsg("statistics file \"%s\" has a line longer than %zu bytes", r->file.path,
                                   pd::kStatsMaxLine)));
        appendBinaryStringInfo(&r->line, start, (int) take);
        r->chunk_pos += take + (nl ? 1 : 0);
        if (nl)
            return true;
    }
}

void corrupt(const Reader *r, const char *err) {
    ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("could not read statistics file \"%s\": %s", r->file.path,
                                                            err)));
}

/* The current line's fields, in the server's encoding; returns the record type. */
char split(Reader *r, char *text, char **fields, int *n) {
    char err[256] = "";
    char type = 0;
    bool ok = true;
    size_t len = strlen(text);
    pd::cxx_call([&] {
        *n = pd::stats_split_line(text, len, fields, pd::kStatsColumnFields, err, sizeof err);
        ok = *n > 0;
        if (ok) {
            type = pd::stats_record_type(fields[0]);
            ok = r->seq->next(type, err, sizeof err);
        }
    });
    if (!ok)
        corrupt(r, err);
    return type;
}

/* One relation being applied, in its own subtransaction. */
typedef struct Current {
    bool active;
    Oid relid;
    char *label;
    pd::StatsRelation rec;
    MemoryContext cxt; /* the worker's, outside the subtransaction */
    ResourceOwner owner;
} Current;

void begin_relation(Current *c, Oid relid, const pd::StatsRelation *rec, const char *label) {
    c->cxt = CurrentMemoryContext;
    c->owner = CurrentResourceOwner;
    BeginInternalSubTransaction(NULL);
    MemoryContextSwitchTo(c->cxt);
    c->active = true;
    c->relid = relid;
    c->rec = *rec;
    c->rec.schema = c->rec.name = NULL; /* the line's, gone with it */
    c->label = MemoryContextStrdup(TopTransactionContext, label);
}

/*
 * Runs fn() in the relation's subtransaction; an ERROR there (other than a
 * cancel) rolls it back into a WARNING and ends the relation.
 */
template <typename Fn>
bool guarded(Current *c, Fn fn) {
    volatile bool ok = false;
    PG_TRY();
    {
        ok = fn();
    }
    PG_CATCH();
    {
        MemoryContextSwitchTo(c->cxt);
        ErrorData *e = CopyErrorData();
        FlushErrorState();
        RollbackAndReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(c->cxt);
        CurrentResourceOwner = c->owner;
        c->active = false;
        /* a cancel or shutdown is no problem of this relation's */
        if (e->sqlerrcode == ERRCODE_QUERY_CANCELED || e->sqlerrcode == ERRCODE_ADMIN_SHUTDOWN)
            ReThrowError(e);
        ereport(WARNING, (errmsg("could not restore the statistics of %s: %s", c->label, e->message)));
        FreeErrorData(e);
    }
    PG_END_TRY();
    return ok;
}

void finish_relation(Current *c, StatsCounts *counts) {
    if (!c->active)
        return;
    if (guarded(c, [&] {
            pd_stats_apply_relation(c->relid, &c->rec);
            return true;
        })) {
        ReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(c->cxt);
        CurrentResourceOwner = c->owner;
        c->active = false;
        UnlockRelationOid(c->relid, ShareUpdateExclusiveLock);
        counts->relations++;
    }
}

void apply_file(const StatsShared *shared, StatsCounts *counts) {
    HTAB *set = restored_set(shared);
    Reader *r = (Reader *) palloc0(sizeof(Reader));
    pd_data_reader_open(&r->file, shared->directory, pd::kStatsFileName);
    initStringInfo(&r->line);
    r->chunk = (char *) palloc(kReadChunk);
    r->encoding = GetDatabaseEncoding();
    pd::cxx_call([&] { r->seq = new pd::StatsSequence(); });
    Current cur;
    memset(&cur, 0, sizeof cur);
    MemoryContext linecxt = AllocSetContextCreate(CurrentMemoryContext, "pd_restore statistics line",
                                                  ALLOCSET_DEFAULT_SIZES);
    MemoryContext outer = CurrentMemoryContext;
    char *fields[pd::kStatsColumnFields];
    char err[256] = "";
    PG_TRY();
    {
        while (next_line(r)) {
            MemoryContextSwitchTo(linecxt);
            char *text = pd_archive_text_to_server(r->line.data, r->line.len, r->encoding, "the statistics file");
            int n;
            char type = split(r, text, fields, &n);
            bool ok = true;
            if (type == 'H') {
                pd::StatsHeader h;
                pd::cxx_call([&] { ok = pd::stats_parse_header(fields, n, &h, err, sizeof err); });
                if (ok && (r->encoding = pg_char_to_encoding(h.encoding)) < 0)
                    corrupt(r, "unknown encoding");
            } else if (type == 'R' || type == 'E') {
                MemoryContextSwitchTo(outer);
                finish_relation(&cur, counts);
                MemoryContextSwitchTo(linecxt);
                if (type == 'E') {
                    int64_t nrel, ncol;
                    pd::cxx_call([&] {
                        ok = pd::stats_parse_end(fields, n, &nrel, &ncol, err, sizeof err) &&
                             r->seq->end(nrel, ncol, err, sizeof err);
                    });
                } else {
                    pd::StatsRelation rec;
                    pd::cxx_call([&] { ok = pd::stats_parse_relation(fields, n, &rec, err, sizeof err); });
                    char key[kKeySize];
                    if (ok && make_key(key, rec.schema, rec.name) && hash_search(set, key, HASH_FIND, NULL)) {
                        const char *label = quote_qualified_identifier(rec.schema, rec.name);
                        Oid relid = pd_stats_open_relation(&rec);
                        if (OidIsValid(relid)) {
                            MemoryContextSwitchTo(outer);
                            begin_relation(&cur, relid, &rec, label);
                            MemoryContextSwitchTo(linecxt);
                        }
                    }
                }
            } else {
                pd::StatsColumn rec;
                pd::cxx_call([&] { ok = pd::stats_parse_column(fields, n, &rec, err, sizeof err); });
                if (ok && cur.active) {
                    bool written = guarded(&cur, [&] { return pd_stats_apply_column(cur.relid, cur.label, &rec); });
                    MemoryContextSwitchTo(linecxt);
                    (written ? counts->columns : counts->skipped_columns)++;
                }
            }
            if (!ok)
                corrupt(r, err);
            MemoryContextSwitchTo(outer);
            MemoryContextReset(linecxt);
        }
        bool finished = false;
        pd::cxx_call([&] { finished = r->seq->finished(); });
        if (!finished)
            corrupt(r, "the file ends before its end record");
    }
    PG_CATCH();
    {
        pd::cxx_call([&] { delete r->seq; });
        PG_RE_THROW();
    }
    PG_END_TRY();
    pd::cxx_call([&] { delete r->seq; });
    pd_data_reader_close(&r->file);
    MemoryContextDelete(linecxt);
}

/* Waits for the worker's one reply. */
void wait_reply(PdPool *pool, StatsCounts *counts) {
    for (;;) {
        void *data;
        Size len;
        PdPoolResult res = pd_pool_receive(pool, 0, &data, &len);
        if (res == PD_POOL_MESSAGE) {
            if (len != sizeof *counts)
                elog(ERROR, "parallel_dump statistics worker sent a malformed reply");
            memcpy(counts, data, sizeof *counts);
            pd_pool_task_done(pool, 0);
            return;
        }
        if (res == PD_POOL_GONE)
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("parallel_dump statistics worker is gone")));
        (void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 1000, PG_WAIT_EXTENSION);
        ResetLatch(MyLatch);
        CHECK_FOR_INTERRUPTS();
    }
}

} // namespace

void pd_restore_statistics(const char *dir, Oid dboid, const pd::EntrySource *entries,
                           const pd::RestorePlan *plan, const bool *succeeded) {
    if (pd_data_file_size(dir, pd::kStatsFileName) < 0)
        return; /* a pg_dump archive, or one dumped without statistics */
    /* the restored relations' names, counted first, then copied (no C++ object alive across palloc) */
    Size len = 0;
    int32 n = 0;
    auto each = [&](auto fn) {
        const pd::spill_vector<pd::RestoreItem> &items = plan->items();
        for (size_t i = 0; i < items.size(); i++) {
            if (!succeeded[i] || items[i].entry < 0)
                continue;
            const pd::TocEntry e = entries->at((size_t) items[i].entry);
            if (wanted_desc(e.desc) && e.nspace)
                fn(e.nspace->c_str(), e.tag.c_str());
        }
    };
    pd::cxx_call([&] {
        each([&](const char *schema, const char *name) {
            len += strlen(schema) + strlen(name) + 2;
            n++;
        });
    });
    StatsShared *shared;
    PdPool *pool = pd_pool_create("pd_restore", 1, dboid, "pd_statistics_worker_main", PD_RESTORE_WORKER_TYPE,
                                  offsetof(StatsShared, names) + len + 1, (void **) &shared, NULL);
    strlcpy(shared->directory, dir, MAXPGPATH);
    shared->nnames = n;
    shared->names_len = len;
    pd::cxx_call([&] {
        char *p = shared->names;
        each([&](const char *schema, const char *name) {
            size_t ls = strlen(schema) + 1, ln = strlen(name) + 1;
            memcpy(p, schema, ls);
            memcpy(p + ls, name, ln);
            p += ls + ln;
        });
    });
    StatsCounts counts;
    PG_TRY();
    {
        if (pd_pool_start(pool) == 0)
            ereport(ERROR, (errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
                            errmsg("pd_restore needs a background worker to restore statistics"),
                            errhint("Background worker slots are limited by max_worker_processes.")));
        if (!pd_pool_send(pool, 0, "S", 1, "restoring statistics"))
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("parallel_dump statistics worker is gone")));
        wait_reply(pool, &counts);
        pd_pool_close(pool, 0);
        pd_pool_wait_exit(pool);
    }
    PG_CATCH();
    {
        HOLD_INTERRUPTS();
        pd_pool_terminate(pool);
        RESUME_INTERRUPTS();
        PG_RE_THROW();
    }
    PG_END_TRY();
    ereport(NOTICE, (errmsg("pd_restore: statistics of " INT64_FORMAT " relations (" INT64_FORMAT
                            " columns) restored, " INT64_FORMAT " columns skipped",
                            counts.relations, counts.columns, counts.skipped_columns)));
}

extern "C" void pd_statistics_worker_main(Datum main_arg) {
    PdPoolWorker w;
    pd_pool_worker_begin(main_arg, &w);
    const StatsShared *shared = (const StatsShared *) w.payload;
    /* names are written and read with this search_path, as pd_dump formats them */
    SetConfigOption("search_path", "", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("statement_timeout", "0", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("lock_timeout", "0", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("client_min_messages", "warning", PGC_USERSET, PGC_S_SESSION);
    void *data;
    Size len;
    while (pd_pool_worker_next(&w, &data, &len)) {
        StatsCounts counts;
        memset(&counts, 0, sizeof counts);
        pgstat_report_activity(STATE_RUNNING, "pd_restore: statistics");
        SetCurrentStatementStartTimestamp();
        StartTransactionCommand();
        PushActiveSnapshot(GetTransactionSnapshot());
        apply_file(shared, &counts);
        PopActiveSnapshot();
        CommitTransactionCommand();
        pd_pool_worker_reply(&w, &counts, sizeof counts);
        pgstat_report_activity(STATE_IDLE, NULL);
    }
}
