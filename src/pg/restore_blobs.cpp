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
#include <fcntl.h>
#include <unistd.h>

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

namespace {

/* Read-ahead of one file, tried as name and as name.gz (the reader's order); never an ERROR. */
void prefetch_file(const char *directory, const char *name, int len) {
    char path[MAXPGPATH];
    int fd = -1;
    for (const char *suffix : {"", ".gz"}) {
        if (snprintf(path, sizeof path, "%s/%.*s%s", directory, len, name, suffix) >= (int) sizeof path)
            return;
        fd = BasicOpenFile(path, O_RDONLY | O_NOFOLLOW | PG_BINARY);
        if (fd >= 0 || errno != ENOENT)
            break;
    }
    if (fd < 0)
        return;
    (void) posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    close(fd);
}

} // namespace

void pd_prefetch_blob_files(const char *directory, const char *data, size_t len, int64 offset, int64 range_start,
                            int64 range_end) {
    /* a line that began in the chunk before was prefetched with it, or is left to the load */
    size_t i = 0;
    if (offset > 0) {
        const char *nl = (const char *) memchr(data, '\n', len);
        if (nl == NULL)
            return;
        i = (size_t) (nl - data) + 1;
    }
    while (i < len && offset + (int64) i < range_end) {
        const char *line = data + i;
        const char *nl = (const char *) memchr(line, '\n', len - i);
        if (nl == NULL)
            return; /* ends in the next chunk */
        const char *space = (const char *) memchr(line, ' ', (size_t) (nl - line));
        int name_len = space ? (int) (nl - space - 1) : 0;
        /* "<oid> blob_<oid>.dat": a plain name in the archive's directory, nothing else */
        if (offset + (int64) i >= range_start && name_len > 5 && name_len < 64 && strncmp(space + 1, "blob_", 5) == 0 &&
            memchr(space + 1, '/', (size_t) name_len) == NULL)
            prefetch_file(directory, space + 1, name_len);
        i = (size_t) (nl - data) + 1;
    }
}
