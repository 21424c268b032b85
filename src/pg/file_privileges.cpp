#include "file_privileges.h"

void pd_require_file_role(bool write, const char *action) {
    Oid role = write ? ROLE_PG_WRITE_SERVER_FILES : ROLE_PG_READ_SERVER_FILES;
    if (superuser() || has_privs_of_role(GetUserId(), role))
        return;
    ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE), errmsg("permission denied to %s", action),
                    errdetail("Only roles with privileges of the \"%s\" role may %s files on the server.",
                              write ? "pg_write_server_files" : "pg_read_server_files", write ? "write" : "read")));
}

char *pd_archive_dir_arg(FunctionCallInfo fcinfo, int argno, const char *function) {
    pd_require_file_role(false, "read an archive on the server");
    if (PG_ARGISNULL(argno))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("no archive directory specified")));
    char *dir = text_to_cstring(PG_GETARG_TEXT_PP(argno));
    if (!is_absolute_path(dir))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("relative path not allowed for %s: \"%s\"", function, dir)));
    return dir;
}
