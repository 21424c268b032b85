/*
 * pd_restore's background worker: connected to the target database as the
 * calling role, it runs each batch of TOC entries the leader sends in one
 * transaction: SQL, COPY of a data file through PostgreSQL's own COPY FROM
 * (with a data callback), or the contents of (a range of) the large objects.
 * Without exit_on_error a failed batch is rolled back and run again entry by
 * entry, so that the others still restore and the failure names its entry.
 */
#include "restore_protocol.h"

#include <limits.h>

extern "C" {
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "commands/copy.h"
#include "libpq/libpq-fs.h"
#include "nodes/makefuncs.h"
#include "parser/parse_node.h"
#include "parser/parse_relation.h"
#include "parser/parser.h"
#include "storage/large_object.h"
#include "utils/inval.h"
}

#include "../pure/restore_plan.h"
#include "archive_reader.h"
#include "copy_loader.h"
#include "cxx_guard.h"
#include "fast_input.h"
#include "progress.h"
#include "restore_blobs.h"
#include "restore_target.h"
#include "worker_pool.h"

namespace {

const size_t kBlobChunk = 65536;
const int kMaxBlobTocLine = 1024; /* "<oid> blob_<oid>.dat" */

/* COPY's data callback takes no argument: the file being loaded, and bytes read from it already that COPY reads first. */
PdDataReader *copy_source = NULL;
char *copy_pending = NULL;
size_t copy_npending = 0;

int copy_read_cb(void *outbuf, int minread, int maxread) {
    if (copy_npending > 0) { /* counted when pd_copy_load read them */
        size_t n = Min(copy_npending, (size_t) maxread);
        memcpy(outbuf, copy_pending, n);
        copy_pending += n;
        copy_npending -= n;
        return (int) n;
    }
    size_t n = pd_data_reader_read(copy_source, (char *) outbuf, (size_t) minread, (size_t) maxread);
    pd_progress_copy_read(n);
    return (int) n;
}

/*
 * Runs SQL through SPI; every statement runs or this is an ERROR: SPI
 * refuses COPY to or from the client and transaction control (returning a
 * negative code after running the statements before them).
 */
void spi_run(const char *sql) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    int rc = SPI_execute(sql, false, 0);
    if (rc < 0)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("could not run every statement of the TOC entry: %s", SPI_result_code_string(rc)),
                        rc == SPI_ERROR_COPY ? errdetail("COPY from or to the client cannot run inside an entry's SQL.")
                        : rc == SPI_ERROR_TRANSACTION
                            ? errdetail("Transaction control statements cannot run inside an entry's SQL.")
                            : 0));
    if (SPI_finish() != SPI_OK_FINISH)
        elog(ERROR, "SPI_finish failed");
}

/* pg_restore's session settings, and the archive's search_path entry */
void apply_restore_settings(const PdRestoreShared *shared) {
    SetConfigOption("statement_timeout", "0", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("lock_timeout", "0", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("standard_conforming_strings", shared->standard_conforming_strings ? "on" : "off",
                    PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("check_function_bodies", "off", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("xmloption", "content", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("client_min_messages", "warning", PGC_USERSET, PGC_S_SESSION);
    SetConfigOption("row_security", "off", PGC_USERSET, PGC_S_SESSION);
    /*
     * Each entry commits on its own; waiting for every commit's WAL flush
     * would serialize the restore on fsync.  The leader flushes all WAL
     * before pd_restore returns, so the result is as durable.
     */
    SetConfigOption("synchronous_commit", "off", PGC_USERSET, PGC_S_SESSION);
    /* indexes and constraints of freshly loaded tables sort in memory more often */
    if (maintenance_work_mem < 256 * 1024)
        SetConfigOption("maintenance_work_mem", "256MB", PGC_USERSET, PGC_S_SESSION);
    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    /* connected past ALLOW_CONNECTIONS: the target must still be one the leader accepted */
    pd_restore_check_target(MyDatabaseId);
    if (shared->searchpath_sql[0] != '\0') {
        PushActiveSnapshot(GetTransactionSnapshot());
        spi_run(shared->searchpath_sql);
        PopActiveSnapshot();
    }
    CommitTransactionCommand();
}

void run_sql(const char *sql) {
    /* a large object's lo_create or owner: without SPI's parse and plan for each of many */
    if (sql != NULL && sql[0] != '\0' && !pd_restore_blob_sql(sql))
        spi_run(sql);
}

/* COPY <table> (<columns>) FROM stdin, as the archive's COPY statement says, fed from the data file. */
void run_copy(const PdRestoreShared *shared, const char *copy_stmt, const char *data_file, bool fresh_table,
              int64 range_start, int64 range_end, bool line_range) {
    List *parsed = raw_parser(copy_stmt, RAW_PARSE_DEFAULT);
    CopyStmt *cs = NULL;
    if (list_length(parsed) == 1 && IsA(((RawStmt *) linitial(parsed))->stmt, CopyStmt))
        cs = (CopyStmt *) ((RawStmt *) linitial(parsed))->stmt;
    if (cs == NULL || !cs->is_from || cs->is_program || cs->filename != NULL || cs->query != NULL ||
        cs->relation == NULL || cs->whereClause != NULL || cs->options != NIL)
        ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("invalid COPY statement in archive: %s", copy_stmt)));

    /*
     * A table this restore created is emptied in this transaction, as
     * pg_restore -j does; then COPY may FREEZE the rows and skip the free
     * space map (a plain table only: partitioned ones cannot).  TRUNCATE
     * must come before the table is opened here.
     */
    Oid relid = RangeVarGetRelid(cs->relation, RowExclusiveLock, false);
    bool freeze = fresh_table && get_rel_relkind(relid) == RELKIND_RELATION;
    if (freeze)
        spi_run(psprintf("TRUNCATE TABLE ONLY %s",
                         quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)), get_rel_name(relid))));
    Relation rel = table_open(relid, RowExclusiveLock);
    if (pg_class_aclcheck(RelationGetRelid(rel), GetUserId(), ACL_INSERT) != ACLCHECK_OK)
        aclcheck_error(ACLCHECK_NO_PRIV, get_relkind_objtype(rel->rd_rel->relkind), RelationGetRelationName(rel));
    (void) check_enable_rls(RelationGetRelid(rel), InvalidOid, false);

    List *options = NIL;
    if (freeze)
        options = lappend(options, makeDefElem(pstrdup("freeze"), (Node *) makeBoolean(true), -1));
    if (shared->archive_encoding != GetDatabaseEncoding())
        options = lappend(options, makeDefElem(pstrdup("encoding"),
                                               (Node *) makeString(pstrdup(pg_encoding_to_char(shared->archive_encoding))),
                                               -1));
    PdDataReader reader;
    if (range_end > 0 && line_range) /* a piece of a one-stream gzip file */
        pd_data_reader_open_lines(&reader, shared->directory, data_file, range_start, range_end);
    else if (range_end > 0) /* one piece of a table several workers load at once */
        pd_data_reader_open_range(&reader, shared->directory, data_file, range_start, range_end);
    else
        pd_data_reader_open(&reader, shared->directory, data_file);
    /* CopyFrom finds its target as range table entry 1, as DoCopy sets it up */
    ParseState *pstate = make_parsestate(NULL);
    pstate->p_sourcetext = copy_stmt;
    ParseNamespaceItem *nsitem = addRangeTableEntryForRelation(pstate, rel, RowExclusiveLock, NULL, false, false);
    nsitem->p_rte->requiredPerms = ACL_INSERT;
    copy_source = &reader;
    PG_TRY();
    {
        CopyFromState cstate = BeginCopyFrom(pstate, rel, NULL, NULL, false, copy_read_cb, cs->attlist, options);
        pd_fast_input_install(cstate, shared->fast_input);
        uint64 rows = 0;
        char *pending = NULL;
        /* without COPY's parser where nothing else of COPY is needed (fast input off: COPY's own) */
        if (!pd_fast_input_enabled(shared->fast_input) || !pd_copy_load_applies(cstate) ||
            !pd_copy_load(cstate, &reader, &rows, &pending, &copy_npending)) {
            copy_pending = pending; /* what pd_copy_load read of a first line it leaves to COPY */
            rows = CopyFrom(cstate);
        } else {
            ereport(DEBUG1, (errmsg_internal("pd_restore: " UINT64_FORMAT " rows of %s loaded without COPY's parser",
                                             rows, RelationGetRelationName(rel))));
        }
        (void) pd_progress_copy_done(rows);
        pd_fast_input_report(RelationGetRelationName(rel));
        EndCopyFrom(cstate);
    }
    PG_FINALLY();
    {
        copy_source = NULL;
        copy_pending = NULL;
        copy_npending = 0;
        pd_data_reader_close(&reader);
    }
    PG_END_TRY();
    table_close(rel, NoLock);
}

/* One line of blobs.toc: the large object's contents from its file, in cxt (reset after). */
void load_blob(const PdRestoreShared *shared, const char *line, MemoryContext cxt) {
    unsigned int oid;
    char name[64];
    bool ok = false;
    if (sscanf(line, "%u %63s", &oid, name) == 2)
        pd::cxx_call([&] { ok = pd::safe_blob_filename(name); });
    if (!ok)
        ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("invalid line in blobs.toc: \"%s\"", line)));
    MemoryContext old = MemoryContextSwitchTo(cxt);
    PdDataReader r;
    pd_data_reader_open(&r, shared->directory, name);
    PG_TRY();
    {
        char *chunk = (char *) palloc(kBlobChunk);
        size_t n;
        LargeObjectDesc *lo = inv_open((Oid) oid, INV_WRITE, cxt);
        while ((n = pd_data_reader_read(&r, chunk, 1, kBlobChunk)) > 0)
            (void) inv_write(lo, chunk, (int) n);
        inv_close(lo);
    }
    PG_FINALLY();
    {
        pd_data_reader_close(&r);
    }
    PG_END_TRY();
    MemoryContextSwitchTo(old);
    MemoryContextReset(cxt);
}

/*
 * blobs.toc names each large object and its file; the objects exist already
 * (BLOB entries).  Read line by line, each object in a memory context of its
 * own: memory stays flat however many objects there are.  run_blobs(from,
 * to) with to > 0 loads only the lines starting at an offset in [from, to):
 * several workers share the large objects in ranges of lines.
 */
void load_blob_lines(const PdRestoreShared *shared, PdDataReader *toc, int64 range_start, int64 range_end,
                     MemoryContext blob_cxt) {
    StringInfoData line;
    initStringInfo(&line);
    char *chunk = (char *) palloc(kBlobChunk);
    size_t n;
    int64 offset = 0, line_start = 0; /* of the next byte read, of the line being read */
    while (line_start < range_end && (n = pd_data_reader_read(toc, chunk, 1, kBlobChunk)) > 0) {
        pd_prefetch_blob_files(shared->directory, chunk, n, offset, range_start, range_end);
        for (size_t i = 0; i < n; i++, offset++) {
            if (chunk[i] != '\n') {
                if (line.len >= kMaxBlobTocLine)
                    ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("invalid line in blobs.toc")));
                appendStringInfoChar(&line, chunk[i]);
                continue;
            }
            if (line_start >= range_start && line_start < range_end)
                load_blob(shared, line.data, blob_cxt);
            resetStringInfo(&line);
            line_start = offset + 1;
        }
    }
    if (line.len > 0 && line_start >= range_start && line_start < range_end)
        load_blob(shared, line.data, blob_cxt);
    pfree(chunk);
    pfree(line.data);
}

void run_blobs(const PdRestoreShared *shared, const char *toc_name, int64 from, int64 to) {
    MemoryContext blob_cxt = AllocSetContextCreate(CurrentMemoryContext, "pd_restore large object",
                                                   ALLOCSET_DEFAULT_SIZES);
    PdDataReader toc;
    pd_data_reader_open(&toc, shared->directory, toc_name);
    PG_TRY();
    {
        load_blob_lines(shared, &toc, to > 0 ? from : 0, to > 0 ? to : INT64_MAX, blob_cxt);
    }
    PG_FINALLY();
    {
        pd_data_reader_close(&toc);
    }
    PG_END_TRY();
    close_lo_relation(true);
    MemoryContextDelete(blob_cxt);
}

void run_item(const PdRestoreShared *shared, const PdRestoreItemHead *head, char *const s[PD_ITEM_STRINGS]) {
    /* strings: sql, owner sql, copy statement, data file, tablespace, table AM, schema */
    if (s[6]) /* an archive without SEARCHPATH entry: each entry's schema first, as pg_restore does */
        (void) set_config_option("search_path",
                                 strcmp(s[6], "pg_catalog") == 0
                                     ? "pg_catalog"
                                     : psprintf("%s, pg_catalog", quote_identifier(s[6])),
                                 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SET, true, 0, false);
    if (s[4])
        (void) set_config_option("default_tablespace", s[4], PGC_USERSET, PGC_S_SESSION, GUC_ACTION_LOCAL, true, 0,
                                 false);
    if (s[5])
        (void) set_config_option("default_table_access_method", s[5], PGC_USERSET, PGC_S_SESSION, GUC_ACTION_LOCAL,
                                 true, 0, false);
    /*
     * An index build takes parallel helpers only when it runs alone or at
     * the tail (nothing waits, no more to come): next to the other workers'
     * loads and builds the cores are taken, and helpers only add sorting
     * and merging work.
     */
    if (!(head->flags & PD_ITEM_RUNS_ALONE))
        (void) set_config_option("max_parallel_maintenance_workers", "0", PGC_USERSET, PGC_S_SESSION,
                                 GUC_ACTION_LOCAL, true, 0, false);
    /* statements, COPY and large objects all want an active snapshot, as under a portal */
    PushActiveSnapshot(GetTransactionSnapshot());
    if (head->work == pd::WORK_COPY)
        run_copy(shared, s[2], s[3], (head->flags & PD_ITEM_FRESH_TABLE) != 0, head->range_start, head->range_end,
                 (head->flags & PD_ITEM_LINE_RANGE) != 0);
    else if (head->work == pd::WORK_BLOBS)
        run_blobs(shared, s[3], head->range_start, head->range_end);
    else
        run_sql(s[0]);
    run_sql(s[1]);
    PopActiveSnapshot();
}

void entry_context(void *arg) { errcontext("restoring %s", (const char *) arg); }

/* One batch's items, unpacked. */
typedef struct Batch {
    int count;
    PdRestoreItemHead *heads;
    char *(*strings)[PD_ITEM_STRINGS];
} Batch;

/*
 * Items [from, to) of the batch in one transaction, each with its own
 * settings (reverted after it, as its own transaction would) and its memory
 * reset after it; in a batch of several, an error names its entry.
 */
void run_items(const PdRestoreShared *shared, const Batch *b, int from, int to, MemoryContext entry_cxt) {
    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    for (int i = from; i < to; i++) {
        CHECK_FOR_INTERRUPTS();
        ErrorContextCallback callback = {error_context_stack, entry_context, b->strings[i][PD_ITEM_LABEL]};
        bool named = b->count > 1 && b->strings[i][PD_ITEM_LABEL] != NULL;
        if (named)
            error_context_stack = &callback;
        MemoryContext old = MemoryContextSwitchTo(entry_cxt);
        int nest = NewGUCNestLevel();
        pd_progress_work_begin(b->strings[i][PD_ITEM_LABEL]);
        run_item(shared, &b->heads[i], b->strings[i]);
        pd_progress_work_end();
        AtEOXact_GUC(true, nest);
        MemoryContextSwitchTo(old);
        MemoryContextReset(entry_cxt);
        if (named)
            error_context_stack = callback.previous;
    }
    CommitTransactionCommand();
}

/* Runs items [from, to) in one transaction; false with *message (in cxt) when it failed and was rolled back. */
bool try_items(const PdRestoreShared *shared, const Batch *b, int from, int to, MemoryContext entry_cxt,
               MemoryContext cxt, char **message) {
    volatile bool ok = true;
    PG_TRY();
    {
        run_items(shared, b, from, to, entry_cxt);
    }
    PG_CATCH();
    {
        MemoryContextSwitchTo(cxt);
        ErrorData *edata = CopyErrorData();
        FlushErrorState();
        AbortCurrentTransaction();
        MemoryContextReset(entry_cxt);
        *message = psprintf("%s", edata->message);
        ok = false;
    }
    PG_END_TRY();
    MemoryContextSwitchTo(cxt);
    return ok;
}

} // namespace

extern "C" void pd_restore_worker_main(Datum main_arg) {
    PdPoolWorker w;
    pd_pool_worker_begin(main_arg, &w);
    pd_progress_worker_attach(&w);
    const PdRestoreShared *shared = (const PdRestoreShared *) w.payload;
    apply_restore_settings(shared);
    /* one batch's message, items and reply; one entry's work inside it */
    MemoryContext batch_cxt = AllocSetContextCreate(TopMemoryContext, "pd_restore batch", ALLOCSET_DEFAULT_SIZES);
    MemoryContext entry_cxt = AllocSetContextCreate(TopMemoryContext, "pd_restore entry", ALLOCSET_DEFAULT_SIZES);

    /*
     * The relation and catalog cache entries of every table, sequence and
     * index this worker created or loaded stay until something empties the
     * caches (a worker's private memory: 74-78 MB after a restore of 20,000
     * tables, 314 MB at 100,000; 26-28 MB so): emptied every so many items,
     * between two batches' transactions, as every backend does when its
     * invalidation queue overflows (no slower: 140 s against 147 s for the
     * 20,000 tables).
     */
    const int items_per_cache_reset = 1000;
    int items_since_reset = 0;
    void *data;
    Size len;
    while (pd_pool_worker_next(&w, &data, &len)) {
        if (items_since_reset >= items_per_cache_reset) {
            InvalidateSystemCaches();
            items_since_reset = 0;
        }
        MemoryContextReset(batch_cxt);
        MemoryContext old = MemoryContextSwitchTo(batch_cxt);
        Batch b;
        b.count = pd_restore_batch_count((const char *) data, len);
        if (b.count < 1)
            elog(ERROR, "parallel_dump restore worker received a malformed batch");
        b.heads = (PdRestoreItemHead *) palloc(sizeof(PdRestoreItemHead) * b.count);
        b.strings = (char *(*)[PD_ITEM_STRINGS]) palloc(sizeof(*b.strings) * b.count);
        Size pos = 0;
        for (int i = 0; i < b.count; i++) {
            const char *item;
            Size item_len;
            if (!pd_restore_batch_next((const char *) data, len, &pos, &item, &item_len) ||
                !pd_restore_item_unpack(item, item_len, &b.heads[i], b.strings[i]))
                elog(ERROR, "parallel_dump restore worker received a malformed item");
        }
        if (pos != len)
            elog(ERROR, "parallel_dump restore worker received a malformed batch");
        pgstat_report_activity(STATE_RUNNING, b.count == 1
                                                  ? psprintf("pd_restore: TOC entry %d", b.heads[0].dump_id)
                                                  : psprintf("pd_restore: %d TOC entries from %d", b.count,
                                                             b.heads[0].dump_id));
        bool catch_errors = !shared->exit_on_error || (b.heads[0].flags & PD_ITEM_IGNORE_ERRORS);
        items_since_reset += b.count;

        StringInfoData out;
        initStringInfo(&out);
        char *message = NULL;
        if (!catch_errors) {
            run_items(shared, &b, 0, b.count, entry_cxt);
            MemoryContextSwitchTo(batch_cxt);
            for (int i = 0; i < b.count; i++)
                pd_restore_reply_add(&out, PD_REPLY_DONE, b.heads[i].item, NULL);
        } else if (try_items(shared, &b, 0, b.count, entry_cxt, batch_cxt, &message)) {
            for (int i = 0; i < b.count; i++)
                pd_restore_reply_add(&out, PD_REPLY_DONE, b.heads[i].item, NULL);
        } else if (b.count == 1) {
            pd_restore_reply_add(&out, PD_REPLY_FAILED, b.heads[0].item, message);
        } else {
            /* the batch failed and was rolled back: each entry again on its own, as pg_restore would run it */
            for (int i = 0; i < b.count; i++) {
                message = NULL;
                bool ok = try_items(shared, &b, i, i + 1, entry_cxt, batch_cxt, &message);
                pd_restore_reply_add(&out, ok ? PD_REPLY_DONE : PD_REPLY_FAILED, b.heads[i].item, message);
            }
        }
        pd_pool_worker_reply(&w, out.data, out.len);
        MemoryContextSwitchTo(old);
        pgstat_report_activity(STATE_IDLE, NULL);
    }
}
