/*
 * libpq from a server process (leader or worker) to pd_mirror's target:
 * connecting with dblink's password rule, and running SQL and COPY with
 * every wait answering cancel, statement_timeout and the target's death.
 * A connection's description in messages never includes its password.
 */
#pragma once

#include "pg_includes.h"

extern "C" {
#include "libpq-fe.h"
}

typedef struct PdRemote {
    PGconn *conn;
    char where[256]; /* "host=... port=... dbname=... user=..." without the password, for messages */
    int server_version; /* the target's server_version_num */
    char server_encoding[NAMEDATALEN];
} PdRemote;

/*
 * Connects to conninfo (dbname, when not NULL, replaces the one it names),
 * as application_name "pd_mirror".  An ERROR (naming what failed, never the
 * password) when it cannot; a non-superuser must give a password that the
 * server actually asked for, as dblink and postgres_fdw require.
 */
extern void pd_remote_connect(PdRemote *r, const char *conninfo, const char *dbname);
/* Cancels what runs (best effort) and closes; never raises an ERROR. r may be unconnected. */
extern void pd_remote_close(PdRemote *r);
/* Runs sql (any number of statements); an ERROR with the target's message, context what. */
extern void pd_remote_exec(PdRemote *r, const char *sql, const char *what);
/* Runs sql and returns the first column of its one row (palloc'd), NULL when NULL. */
extern char *pd_remote_value(PdRemote *r, const char *sql, const char *what);
/* Runs sql with text parameters (binary where lengths[i] >= 0). */
extern void pd_remote_exec_params(PdRemote *r, const char *sql, int nparams, const char *const *values,
                                  const int *lengths, const char *what);
/* COPY ... FROM STDIN: begin, data pieces, end (the target's result checked). */
extern void pd_remote_copy_begin(PdRemote *r, const char *copy_sql, const char *what);
extern void pd_remote_copy_put(PdRemote *r, const char *data, size_t len, const char *what);
extern void pd_remote_copy_end(PdRemote *r, const char *what);
/* The conninfo with its password replaced by "********", for anything shown (palloc'd). */
extern char *pd_remote_masked_conninfo(const char *conninfo);
