/*
 * The properties of a database pd_mirror created (mirror_database.h), read
 * from this database's catalog rows and written as pg_dump 15's
 * dumpDatabase / dumpDatabaseConfig write them, with the target's name.
 */
#include "mirror_database.h"

#include <string>

#include "../pure/acl_sql.h"
#include "cxx_guard.h"

extern "C" {
#include "utils/varlena.h"
}

namespace {

/* This database's row: owner, ACL, its base (acldefault), comment, connection limit, template flag. */
const char *const kDatabaseRow =
    "SELECT pg_catalog.pg_get_userbyid(d.datdba), d.datacl::pg_catalog.text,"
    " pg_catalog.acldefault('d', d.datdba)::pg_catalog.text,"
    " NULLIF(pg_catalog.shobj_description(d.oid, 'pg_database'), ''), d.datconnlimit, d.datistemplate"
    " FROM pg_catalog.pg_database d WHERE d.oid = $1";

/* Its settings, the database's own first, then per role, as dumpDatabaseConfig orders them. */
const char *const kSettings =
    "SELECT r.rolname, c.item FROM pg_catalog.pg_db_role_setting s"
    " LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole"
    " CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) WITH ORDINALITY c(item, ord)"
    " WHERE s.setdatabase = $1 AND pg_catalog.strpos(c.item, '=') > 0 AND (s.setrole = 0 OR r.oid IS NOT NULL)"
    " ORDER BY s.setrole <> 0, s.ctid, c.ord";

/* "SET name TO value", the value as makeAlterConfigCommand quotes it (list settings element by element). */
void append_setting(StringInfo buf, const char *item) {
    const char *eq = strchr(item, '=');
    char *name = pnstrdup(item, eq - item);
    appendStringInfo(buf, "SET %s TO ", quote_identifier(name));
    char *value = pstrdup(eq + 1);
    List *elems = NIL;
    if ((GetConfigOptionFlags(name, true) & GUC_LIST_QUOTE) != 0 && SplitGUCList(value, ',', &elems)) {
        ListCell *lc;
        foreach (lc, elems) {
            if (lc != list_head(elems))
                appendStringInfoString(buf, ", ");
            appendStringInfoString(buf, quote_literal_cstr((const char *) lfirst(lc)));
        }
    } else
        appendStringInfoString(buf, quote_literal_cstr(eq + 1));
    appendStringInfoString(buf, ";\n");
}

/* GRANT / REVOKE taking the database from its owner's defaults to acl, as pg_dump's dumpACL. */
char *acl_sql(const char *qname, const char *owner, const char *acl, const char *base) {
    char error[512] = "";
    std::string *sql = nullptr;
    pd::cxx_call([&] {
        pd::AclTarget t{"DATABASE", qname, "", owner};
        t.base_acl = std::string(base);
        std::string err;
        sql = new std::string();
        if (!pd::acl_statements(acl, t, sql, &err))
            strlcpy(error, err.c_str(), sizeof error);
    });
    char *out = error[0] ? NULL : pstrdup(sql->c_str());
    pd::cxx_call([&] { delete sql; });
    if (out == NULL)
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                        errmsg("pd_mirror could not read the privileges of this database: %s", error)));
    return out;
}

/* Whether the target role may make owner the database's owner (ALTER DATABASE ... OWNER TO's rule). */
bool may_give_to(PdRemote *target, const char *owner) {
    char *ok = pd_remote_value(
        target,
        psprintf("SELECT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = %s"
                 " AND pg_catalog.pg_has_role(r.oid, 'MEMBER')) AND (SELECT rolsuper OR rolcreatedb"
                 " FROM pg_catalog.pg_roles WHERE rolname = current_user)",
                 quote_literal_cstr(owner)),
        "checking who may own the database");
    return ok != NULL && strcmp(ok, "t") == 0;
}

} // namespace

void pd_mirror_database_properties(PdRemote *target, const char *dbname, const PdMirrorDbOptions *o) {
    const char *qname = quote_identifier(dbname);
    MemoryContext caller = CurrentMemoryContext;
    StringInfoData sql; /* in the caller's context: repalloc keeps it there */
    initStringInfo(&sql);
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Oid types[1] = {OIDOID};
    Datum args[1] = {ObjectIdGetDatum(MyDatabaseId)};
    if (SPI_execute_with_args(kDatabaseRow, 1, types, args, NULL, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
        elog(ERROR, "pd_mirror could not read this database's properties");
    HeapTuple row = SPI_tuptable->vals[0];
    TupleDesc desc = SPI_tuptable->tupdesc;
    MemoryContext spi = MemoryContextSwitchTo(caller);
    char *owner = SPI_getvalue(row, desc, 1);
    char *acl = SPI_getvalue(row, desc, 2);
    char *base = SPI_getvalue(row, desc, 3);
    char *comment = SPI_getvalue(row, desc, 4);
    char *connlimit = SPI_getvalue(row, desc, 5);
    char *istemplate = SPI_getvalue(row, desc, 6);
    MemoryContextSwitchTo(spi);

    if (strcmp(connlimit, "-1") != 0)
        appendStringInfo(&sql, "ALTER DATABASE %s CONNECTION LIMIT = %s;\n", qname, connlimit);
    if (SPI_execute_with_args(kSettings, 1, types, args, NULL, true, 0) != SPI_OK_SELECT)
        elog(ERROR, "pd_mirror could not read this database's settings");
    for (uint64 i = 0; i < SPI_processed; i++) {
        char *role = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
        char *item = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
        if (role == NULL)
            appendStringInfo(&sql, "ALTER DATABASE %s ", qname);
        else
            appendStringInfo(&sql, "ALTER ROLE %s IN DATABASE %s ", quote_identifier(role), qname);
        append_setting(&sql, item);
    }
    SPI_finish();

    /* pg_restore --create: the owner with the DATABASE entry, then the comment, properties, privileges */
    if (!o->no_owner) {
        if (may_give_to(target, owner))
            pd_remote_exec(target, psprintf("ALTER DATABASE %s OWNER TO %s", qname, quote_identifier(owner)),
                           "setting the database's owner");
        else
            ereport(WARNING,
                    (errmsg("pd_mirror: the target database \"%s\" is not given to its owner %s", dbname, owner),
                     errdetail("The target role is not a member of %s, or may not create databases; %s.", owner,
                               target->where)));
    }
    if (comment && !o->no_comments && !o->data_only)
        pd_remote_exec(target, psprintf("COMMENT ON DATABASE %s IS %s", qname, quote_literal_cstr(comment)),
                       "setting the database's comment");
    if (sql.len > 0)
        pd_remote_exec(target, sql.data, "setting the database's properties");
    if (acl && !o->no_privileges && !o->data_only) {
        char *grants = acl_sql(qname, owner, acl, base);
        if (grants[0])
            pd_remote_exec(target, grants, "setting the database's privileges");
    }
    /* last: a template database cannot be dropped, should anything after this fail */
    if (strcmp(istemplate, "t") == 0)
        pd_remote_exec(target, psprintf("ALTER DATABASE %s IS_TEMPLATE = true", qname),
                       "marking the database as a template");
}
