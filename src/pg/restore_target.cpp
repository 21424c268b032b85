/*
 * The target checks of pd_restore (see restore_target.h), made by the leader
 * before it reads the archive and again by each worker once connected.
 */
#include "restore_target.h"

extern "C" {
#include "catalog/pg_database.h"
}

void pd_restore_check_target(Oid dboid) {
    HeapTuple tup = SearchSysCache1(DATABASEOID, ObjectIdGetDatum(dboid));
    if (!HeapTupleIsValid(tup))
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_DATABASE), errmsg("database with OID %u does not exist", dboid)));
    Form_pg_database db = (Form_pg_database) GETSTRUCT(tup);
    char *name = pstrdup(NameStr(db->datname));
    bool allow_connections = db->datallowconn, is_template = db->datistemplate;
    Oid owner = db->datdba;
    ReleaseSysCache(tup);

    if (!allow_connections)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("database \"%s\" is not currently accepting connections", name),
                        errhint("pd_restore restores only into a database that accepts connections.")));
    if (strcmp(name, "template0") == 0 || (is_template && !superuser()))
        ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                        errmsg("cannot restore into template database \"%s\"", name),
                        errhint("Only a superuser may restore into a template database, and never into "
                                "template0.")));
    if (pg_database_aclcheck(dboid, GetUserId(), ACL_CONNECT) != ACLCHECK_OK ||
        pg_database_aclcheck(dboid, GetUserId(), ACL_CREATE) != ACLCHECK_OK)
        aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_DATABASE, name);
    if (!superuser() && !has_privs_of_role(GetUserId(), owner))
        ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE), errmsg("must be owner of database %s", name),
                        errdetail("pd_restore cannot check pg_hba.conf from inside the server."),
                        errhint("A role that is not a superuser may restore only into a database whose owner's "
                                "privileges it has.")));
    pfree(name);
}
