/*
 * Who may make the server read or write files: superusers and roles with the
 * privileges of pg_read_server_files / pg_write_server_files.
 */
#pragma once

#include "pg_includes.h"

/* ERROR "permission denied to <action>" unless the caller may read (or write) server files. */
extern void pd_require_file_role(bool write, const char *action);
