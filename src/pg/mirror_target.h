/*
 * pd_mirror's target database: that it holds no user objects before
 * anything is written, and creating it (with create_database) through the
 * target server's postgres database, or dropping it again after a failure.
 */
#pragma once

#include "remote_conn.h"

/* ERROR unless the connected database holds nothing CREATE DATABASE from template0 would not give. */
extern void pd_mirror_check_empty(PdRemote *target);
/* The database the connection string names (palloc'd); the user name when it names none, as libpq. */
extern char *pd_mirror_target_dbname(const char *conninfo);
/* CREATE DATABASE dbname from template0 with this database's encoding and locale. */
extern void pd_mirror_create_database(const char *conninfo, const char *dbname);
/* DROP DATABASE ... WITH (FORCE); a WARNING, never an ERROR, when that fails. */
extern void pd_mirror_drop_database(const char *conninfo, const char *dbname);
