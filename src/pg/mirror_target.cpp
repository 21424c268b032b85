/* The target database of pd_mirror: emptiness check, creation and removal (mirror_target.h). */
#include "mirror_target.h"

namespace {

/*
 * The first user object found, described: anything with an OID past
 * initdb's (FirstNormalObjectId) in the catalogs of a database's own
 * objects, other sessions' temporary schemas and tables aside, and any
 * large object.  Objects of other kinds hang off these (columns, indexes,
 * policies, triggers are of a table).
 */
const char *const kFirstUserObject =
    "SELECT (SELECT pg_catalog.pg_describe_object(c, o, 0) FROM ("
    " SELECT 'pg_catalog.pg_class'::pg_catalog.regclass c, k.oid o FROM pg_catalog.pg_class k"
    "   WHERE k.oid >= 16384 AND k.relpersistence <> 't'"
    " UNION ALL SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid FROM pg_catalog.pg_namespace n"
    "   WHERE n.oid >= 16384 AND n.nspname !~ '^pg_(toast_)?temp_'"
    " UNION ALL SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, oid FROM pg_catalog.pg_proc WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid FROM pg_catalog.pg_type t"
    "   WHERE t.oid >= 16384 AND t.typrelid = 0 AND t.typcategory <> 'A'"
    " UNION ALL SELECT 'pg_catalog.pg_extension'::pg_catalog.regclass, oid FROM pg_catalog.pg_extension"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, oid FROM pg_catalog.pg_operator"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, oid FROM pg_catalog.pg_collation"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_ts_config'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_config"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_ts_dict'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_dict"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass, oid"
    "   FROM pg_catalog.pg_foreign_data_wrapper WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_foreign_server'::pg_catalog.regclass, oid FROM pg_catalog.pg_foreign_server"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_event_trigger'::pg_catalog.regclass, oid FROM pg_catalog.pg_event_trigger"
    " UNION ALL SELECT 'pg_catalog.pg_publication'::pg_catalog.regclass, oid FROM pg_catalog.pg_publication"
    " UNION ALL SELECT 'pg_catalog.pg_language'::pg_catalog.regclass, oid FROM pg_catalog.pg_language"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_cast'::pg_catalog.regclass, oid FROM pg_catalog.pg_cast WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass, oid FROM pg_catalog.pg_opfamily"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_conversion'::pg_catalog.regclass, oid FROM pg_catalog.pg_conversion"
    "   WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_am'::pg_catalog.regclass, oid FROM pg_catalog.pg_am WHERE oid >= 16384"
    " UNION ALL SELECT 'pg_catalog.pg_default_acl'::pg_catalog.regclass, oid FROM pg_catalog.pg_default_acl"
    " UNION ALL SELECT 'pg_catalog.pg_largeobject'::pg_catalog.regclass, oid"
    "   FROM pg_catalog.pg_largeobject_metadata"
    " ) objects(c, o) ORDER BY c, o LIMIT 1)";

/* A connection to the target server's postgres database, for CREATE and DROP DATABASE. */
void connect_maintenance(PdRemote *r, const char *conninfo) {
    pd_remote_connect(r, conninfo, "postgres");
    pd_remote_exec(r, "SET statement_timeout = 0; SET lock_timeout = 0", "setting up the session");
}

/* The source database's encoding and locale as CREATE DATABASE options. */
char *locale_options(void) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Oid types[1] = {OIDOID};
    Datum args[1] = {ObjectIdGetDatum(MyDatabaseId)};
    if (SPI_execute_with_args(
            "SELECT format(' ENCODING %L LC_COLLATE %L LC_CTYPE %L', pg_catalog.pg_encoding_to_char(encoding),"
            "  datcollate, datctype) || CASE datlocprovider WHEN 'i' THEN"
            "  format(' LOCALE_PROVIDER icu ICU_LOCALE %L', daticulocale) ELSE '' END"
            " FROM pg_catalog.pg_database WHERE oid = $1",
            1, types, args, NULL, true, 1) != SPI_OK_SELECT ||
        SPI_processed != 1)
        elog(ERROR, "pd_mirror could not read this database's locale");
    char *value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
    MemoryContext cxt = MemoryContextSwitchTo(TopTransactionContext);
    char *out = pstrdup(value);
    MemoryContextSwitchTo(cxt);
    SPI_finish();
    return out;
}

} // namespace

void pd_mirror_check_empty(PdRemote *target) {
    char *found = pd_remote_value(target, kFirstUserObject, "checking that the target database is empty");
    if (found != NULL)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("pd_mirror: the target database is not empty"),
                        errdetail("It holds %s (and maybe more); %s.", found, target->where),
                        errhint("Mirror into a database freshly created from template0, or pass "
                                "create_database => true with the name of a database that does not exist yet.")));
}

char *pd_mirror_target_dbname(const char *conninfo) {
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    if (err)
        PQfreemem(err);
    char *dbname = NULL, *user = NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "dbname") == 0 && o->val && o->val[0])
            dbname = pstrdup(o->val);
        if (strcmp(o->keyword, "user") == 0 && o->val && o->val[0])
            user = pstrdup(o->val);
    }
    if (opts)
        PQconninfoFree(opts);
    if (dbname == NULL)
        dbname = user;
    if (dbname == NULL)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("pd_mirror: create_database needs the connection string to name the database (dbname)")));
    return dbname;
}

void pd_mirror_create_database(const char *conninfo, const char *dbname) {
    char *options = locale_options();
    PdRemote r;
    connect_maintenance(&r, conninfo);
    PG_TRY();
    {
        pd_remote_exec(&r, psprintf("CREATE DATABASE %s TEMPLATE template0%s", quote_identifier(dbname), options),
                       "CREATE DATABASE");
    }
    PG_FINALLY();
    { pd_remote_close(&r); }
    PG_END_TRY();
}

void pd_mirror_drop_database(const char *conninfo, const char *dbname) {
    MemoryContext cxt = CurrentMemoryContext;
    PdRemote r;
    memset(&r, 0, sizeof r);
    PG_TRY();
    {
        connect_maintenance(&r, conninfo);
        pd_remote_exec(&r, psprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", quote_identifier(dbname)),
                       "DROP DATABASE");
        pd_remote_close(&r);
    }
    PG_CATCH();
    {
        MemoryContextSwitchTo(cxt);
        ErrorData *e = CopyErrorData();
        FlushErrorState();
        pd_remote_close(&r);
        ereport(WARNING, (errmsg("pd_mirror could not drop the database \"%s\" it created on the target", dbname),
                          errdetail_internal("%s", e->message)));
    }
    PG_END_TRY();
}
