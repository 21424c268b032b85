/*
 * SQL entry point: pd_mirror(conninfo, jobs, create_database, <pd_dump's
 * selection and output options>) copies this database into an empty target
 * database over libpq, as a parallel pg_dump | psql would: pd_dump's leader
 * plans under one snapshot and hands the plan to mirror_leader.  On any
 * failure the workers are stopped, every target session closed, and a
 * database this call created is dropped again.  The password is never
 * shown: pg_stat_activity gets the masked connection string.
 */
#include "dump_leader.h"
#include "mirror_leader.h"
#include "mirror_target.h"

extern "C" {
PG_FUNCTION_INFO_V1(pd_mirror);
}

namespace {

const int kMaxJobs = 1024;

/* The mirror in progress in this backend, for the exit callback. */
PdMirrorRun *running = NULL;
const char *running_created_db = NULL;

/* A FATAL exit skips PG_CATCH: close the target session and drop what was created. */
void cleanup_at_exit(int, Datum) {
    PdMirrorRun *m = running;
    running = NULL;
    if (m == NULL)
        return;
    pd_pool_terminate(m->pool);
    pd_remote_close(&m->leader);
    if (running_created_db)
        pd_mirror_drop_database(m->conninfo, running_created_db);
}

void on_failure(PdMirrorRun *m, const char *created_db) {
    HOLD_INTERRUPTS();
    running = NULL;
    pd_pool_terminate(m->pool);
    m->pool = NULL;
    pd_remote_close(&m->leader);
    if (created_db)
        pd_mirror_drop_database(m->conninfo, created_db);
    RESUME_INTERRUPTS();
}

} // namespace

extern "C" Datum pd_mirror(PG_FUNCTION_ARGS) {
    static bool exit_callback_registered = false;
    /* workers are other transactions: they could not see this one's writes */
    if (TransactionIdIsValid(GetTopTransactionIdIfAny()))
        ereport(ERROR, (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
                        errmsg("pd_mirror cannot run in a transaction that has written to the database"),
                        errhint("Run it in a transaction of its own, as pg_dump would.")));
    if (PG_ARGISNULL(0))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("no target connection string specified")));
    if (PG_ARGISNULL(1) || PG_GETARG_INT32(1) < 1 || PG_GETARG_INT32(1) > kMaxJobs)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("invalid number of parallel jobs"),
                        errdetail("jobs must be between 1 and %d.", kMaxJobs)));
    if (PG_ARGISNULL(2))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("option create_database must not be null")));
    char *conninfo = text_to_cstring(PG_GETARG_TEXT_PP(0));
    bool create_database = PG_GETARG_BOOL(2);
    /* the caller's query text holds the password: show the masked connection string instead */
    pgstat_report_activity(STATE_RUNNING,
                           psprintf("SELECT pd_mirror('%s', ...)", pd_remote_masked_conninfo(conninfo)));

    PdDumpOptions *o = (PdDumpOptions *) palloc0(sizeof(PdDumpOptions));
    pd_read_selection_args(fcinfo, o);
    o->jobs = PG_GETARG_INT32(1);
    PdMirrorRun *m = (PdMirrorRun *) MemoryContextAllocZero(TopTransactionContext, sizeof(PdMirrorRun));
    m->conninfo = MemoryContextStrdup(TopTransactionContext, conninfo);
    m->jobs = o->jobs;
    m->data_only = o->data_only;
    m->no_owner = o->no_owner;
    m->load_via_partition_root = o->load_via_partition_root;
    m->no_privileges = o->no_privileges;
    m->no_comments = o->no_comments;
    o->mirror = m;

    const char *created_db = NULL;
    if (create_database) {
        char *dbname = pd_mirror_target_dbname(conninfo);
        pd_mirror_create_database(conninfo, dbname);
        created_db = MemoryContextStrdup(TopTransactionContext, dbname);
        m->created_db = created_db;
    }
    if (!exit_callback_registered) {
        before_shmem_exit(cleanup_at_exit, (Datum) 0);
        exit_callback_registered = true;
    }
    running = m;
    running_created_db = created_db;
    MemoryContext cxt = CurrentMemoryContext;
    PG_TRY();
    {
        pd_remote_connect(&m->leader, conninfo, NULL);
        /* data only goes into tables that exist already */
        if (!o->data_only)
            pd_mirror_check_empty(&m->leader);
        pd_run_dump(o);
        pd_remote_close(&m->leader);
    }
    PG_CATCH();
    {
        /* the cleanup talks to the target and may meet errors of its own: keep this one aside */
        MemoryContextSwitchTo(cxt);
        ErrorData *e = CopyErrorData();
        FlushErrorState();
        on_failure(m, created_db);
        ReThrowError(e);
    }
    PG_END_TRY();
    running = NULL;

    TupleDesc desc;
    if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
        elog(ERROR, "pd_mirror must return a record");
    desc = BlessTupleDesc(desc);
    Datum values[4] = {Int64GetDatum(m->entries), Int64GetDatum(m->tables), Int64GetDatum(m->rows),
                       Int64GetDatum(m->blobs)};
    bool nulls[4] = {false, false, false, false};
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
