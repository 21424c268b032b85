/*
 * A million large objects are a million "SELECT pg_catalog.lo_create('N');"
 * (and as many "ALTER LARGE OBJECT N OWNER TO role;" when they belong to
 * another role): through SPI each is parsed, analyzed and planned, most of
 * a worker's time per large object.  The exact texts (pure/blob_sql.h) are
 * performed here as the statement would perform them: the same function
 * (be_lo_create after the EXECUTE check on lo_create(oid)) or the same
 * utility function (ExecAlterOwnerStmt after the read-only check), so with
 * the same privilege checks and the same errors.  Only when nothing could
 * see the difference: no hook on parsing, planning, execution, function
 * calls or utility statements (an extension that audits or counts
 * statements sees them through SPI), and no event trigger for an ALTER.
 */
#include "restore_blobs.h"

extern "C" {
#include "commands/alter.h"
#include "common/keywords.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "optimizer/planner.h"
#include "parser/analyze.h"
#include "tcop/utility.h"
#include "utils/evtcache.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
}

#include <cstring>

#include "../pure/blob_sql.h"
#include "cxx_guard.h"

namespace {

bool statement_hooks(void) {
    return post_parse_analyze_hook != NULL || planner_hook != NULL || ExecutorStart_hook != NULL ||
           ExecutorRun_hook != NULL || ExecutorFinish_hook != NULL || ExecutorEnd_hook != NULL ||
           ExecutorCheckPerms_hook != NULL || needs_fmgr_hook != NULL || fmgr_hook != NULL;
}

bool event_triggers(void) {
    return EventCacheLookup(EVT_DDLCommandStart) != NIL || EventCacheLookup(EVT_DDLCommandEnd) != NIL ||
           EventCacheLookup(EVT_SQLDrop) != NIL || EventCacheLookup(EVT_TableRewrite) != NIL;
}

/* SELECT pg_catalog.lo_create('N'): EXECUTE on the function, then the function. */
void lo_create(Oid oid) {
    AclResult aclresult = pg_proc_aclcheck(F_LO_CREATE, GetUserId(), ACL_EXECUTE);
    if (aclresult != ACLCHECK_OK)
        aclcheck_error(aclresult, OBJECT_FUNCTION, "lo_create");
    (void) DirectFunctionCall1(be_lo_create, ObjectIdGetDatum(oid));
    CommandCounterIncrement();
}

/* ALTER LARGE OBJECT N OWNER TO role, as the grammar builds it and ProcessUtility runs it. */
void lo_owner(Oid oid, const char *role) {
    PreventCommandIfReadOnly("ALTER LARGE OBJECT");
    PreventCommandIfParallelMode("ALTER LARGE OBJECT");
    AlterOwnerStmt *stmt = makeNode(AlterOwnerStmt);
    stmt->objectType = OBJECT_LARGEOBJECT;
    stmt->object = (Node *) makeFloat(psprintf("%u", oid));
    RoleSpec *spec = makeNode(RoleSpec);
    spec->roletype = ROLESPEC_CSTRING;
    spec->rolename = pstrdup(role);
    spec->location = -1;
    stmt->newowner = spec;
    (void) ExecAlterOwnerStmt(stmt);
    CommandCounterIncrement();
}

} // namespace

bool pd_restore_blob_sql(const char *sql) {
    if (sql[0] != 'S' && sql[0] != 'A')
        return false;
    uint32 oid = 0;
    bool create = false, owner = false, quoted = false;
    char role[NAMEDATALEN];
    pd::cxx_call([&] {
        uint32_t o = 0;
        std::string r;
        bool q = false;
        if (pd::match_lo_create(sql, &o)) {
            create = true;
            oid = o;
        } else if (pd::match_lo_owner(sql, &o, &r, &q) && r.size() < NAMEDATALEN) {
            owner = true;
            oid = o;
            quoted = q;
            std::memcpy(role, r.c_str(), r.size() + 1);
        }
    });
    if (!create && !owner)
        return false;
    if (statement_hooks())
        return false;
    if (create) {
        lo_create((Oid) oid);
        return true;
    }
    /*
     * a keyword unquoted means what the grammar says (CURRENT_USER, ...),
     * and "public" and "none" are special quoted or not: SPI's errors
     */
    if ((!quoted && ScanKeywordLookup(role, &ScanKeywords) >= 0) || strcmp(role, "public") == 0 ||
        strcmp(role, "none") == 0)
        return false;
    if (ProcessUtility_hook != NULL || event_triggers())
        return false;
    lo_owner((Oid) oid, role);
    return true;
}
