/*
 * SQL entry point: pd_dump(path text, jobs int, compression int, ...) RETURNS text.
 * Checks the caller and the arguments, expands the path template, then
 * hands over to the leader; with keep, removes older archives after.
 */
#include "../pure/path_template.h"
#include "cxx_guard.h"
#include "dump_leader.h"
#include "file_privileges.h"
#include "retention.h"

extern "C" {
PG_MODULE_MAGIC;
PG_FUNCTION_INFO_V1(pd_dump);
}

namespace {

/* pg_dump itself has no upper limit; this only rejects nonsense. */
const int kMaxJobs = 1024;

char *expand_path(const char *tmpl, const struct pg_tm *tm) {
    char result[MAXPGPATH * 2];
    char error[256];
    bool ok = false, too_long = false;
    pd::cxx_call([&] {
        pd::CivilTime t{tm->tm_year, tm->tm_mon, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec};
        std::string out, err;
        ok = pd::expand_path_template(tmpl, t, &out, &err);
        if (ok && out.size() >= MAXPGPATH)
            too_long = true;
        else if (ok)
            strlcpy(result, out.c_str(), sizeof result);
        else
            strlcpy(error, err.c_str(), sizeof error);
    });
    if (!ok)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s", error),
                        errhint("Placeholders are %%Y %%m %%d %%H %%M %%S; write %%%% for a literal %%.")));
    if (too_long)
        ereport(ERROR, (errcode(ERRCODE_NAME_TOO_LONG), errmsg("path is too long")));
    /* a trailing slash is harmless to mkdir but would double up in file names */
    size_t len = strlen(result);
    while (len > 1 && result[len - 1] == '/')
        result[--len] = '\0';
    return pstrdup(result);
}

void session_local_time(struct pg_tm *tm) {
    fsec_t fsec;
    int tz;
    const char *tzn;
    if (timestamp2tm(GetCurrentTimestamp(), &tz, tm, &fsec, &tzn, session_timezone) != 0)
        ereport(ERROR, (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("timestamp out of range")));
}

/* The names of pd_dump's arguments, in order (for messages). */
const char *const kArgNames[] = {"path", "jobs", "compression", "schemas", "exclude_schemas", "tables",
                                 "exclude_tables", "exclude_table_data", "schema_only", "data_only",
                                 "no_owner", "no_privileges", "no_comments", "no_publications",
                                 "no_subscriptions", "no_blobs", "load_via_partition_root", "strict_names", "keep",
                                 "statistics"};

ArrayType *pattern_arg(FunctionCallInfo fcinfo, int arg) {
    if (PG_NARGS() <= arg || PG_ARGISNULL(arg))
        return NULL;
    ArrayType *a = PG_GETARG_ARRAYTYPE_P(arg);
    if (ARR_NDIM(a) > 1)
        ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
                        errmsg("%s must be a one-dimensional array of patterns", kArgNames[arg])));
    return a;
}

bool flag_arg(FunctionCallInfo fcinfo, int arg) {
    if (PG_NARGS() <= arg)
        return false;
    if (PG_ARGISNULL(arg))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("option %s must not be null", kArgNames[arg])));
    return PG_GETARG_BOOL(arg);
}

} // namespace

void pd_read_selection_args(FunctionCallInfo fcinfo, PdDumpOptions *o) {
    o->schemas = pattern_arg(fcinfo, 3);
    o->exclude_schemas = pattern_arg(fcinfo, 4);
    o->tables = pattern_arg(fcinfo, 5);
    o->exclude_tables = pattern_arg(fcinfo, 6);
    o->exclude_table_data = pattern_arg(fcinfo, 7);
    o->schema_only = flag_arg(fcinfo, 8);
    o->data_only = flag_arg(fcinfo, 9);
    o->no_owner = flag_arg(fcinfo, 10);
    o->no_privileges = flag_arg(fcinfo, 11);
    o->no_comments = flag_arg(fcinfo, 12);
    o->no_publications = flag_arg(fcinfo, 13);
    o->no_subscriptions = flag_arg(fcinfo, 14);
    o->no_blobs = flag_arg(fcinfo, 15);
    o->load_via_partition_root = flag_arg(fcinfo, 16);
    o->strict_names = flag_arg(fcinfo, 17);
    if (o->schema_only && o->data_only)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("options schema_only and data_only cannot be used together")));
}

extern "C" Datum pd_dump(PG_FUNCTION_ARGS) {
    pd_require_file_role(true, "dump to a server directory");
    /* workers are other transactions: they could not see this one's writes */
    if (TransactionIdIsValid(GetTopTransactionIdIfAny()))
        ereport(ERROR, (errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
                        errmsg("pd_dump cannot run in a transaction that has written to the database"),
                        errhint("Run it in a transaction of its own, as pg_dump would.")));
    if (PG_ARGISNULL(0))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("no output directory specified"),
                        errhint("Pass an absolute path, for example '/backups/mydb-%%Y%%m%%d'.")));
    if (PG_ARGISNULL(1) || PG_GETARG_INT32(1) < 1 || PG_GETARG_INT32(1) > kMaxJobs)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("invalid number of parallel jobs"),
                        errdetail("jobs must be between 1 and %d.", kMaxJobs)));
    if (PG_ARGISNULL(2) || PG_GETARG_INT32(2) < -1 || PG_GETARG_INT32(2) > 9)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("compression level must be in range 0..9"),
                        errdetail("-1 selects pg_dump's default level.")));

    char *tmpl = text_to_cstring(PG_GETARG_TEXT_PP(0));
    if (strlen(tmpl) == 0)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("no output directory specified")));
    if (!is_absolute_path(tmpl))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("relative path not allowed for pd_dump output directory: \"%s\"", tmpl),
                        errhint("Pass an absolute path; a relative one would land in the data directory.")));

    /* keep => N (argument 18): checked before anything is written */
    bool retention = PG_NARGS() > 18 && !PG_ARGISNULL(18);
    int keep = retention ? PG_GETARG_INT32(18) : 0;
    if (retention)
        pd_check_retention(tmpl, keep);

    PdDumpOptions *o = (PdDumpOptions *) palloc0(sizeof(PdDumpOptions));
    pd_read_selection_args(fcinfo, o);
    session_local_time(&o->start_time);
    o->directory = expand_path(tmpl, &o->start_time);
    o->jobs = PG_GETARG_INT32(1);
    o->compression = PG_GETARG_INT32(2);
    o->statistics = flag_arg(fcinfo, 19); /* false when an older definition does not pass it */
    pd_run_dump(o);
    if (retention)
        pd_apply_retention(tmpl, o->directory, keep);
    PG_RETURN_TEXT_P(cstring_to_text(o->directory));
}
