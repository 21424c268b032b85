/*
 * Who may make the server read or write files: superusers and roles with the
 * privileges of pg_read_server_files / pg_write_server_files.
 */
#pragma once

#include "pg_includes.h"

/* ERROR "permission denied to <action>" unless the caller may read (or write) server files. */
extern void pd_require_file_role(bool write, const char *action);

/*
 * The archive directory argument argno of a function that reads archives
 * (pd_list, pd_verify): the caller may read server files, the argument is
 * not NULL and is an absolute path.  function names it in the error.
 */
extern char *pd_archive_dir_arg(FunctionCallInfo fcinfo, int argno, const char *function);
