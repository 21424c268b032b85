/*
 * libpq connections of pd_mirror's leader and workers to the target (see
 * remote_conn.h).  Plain C style: libpq objects are released on the error
 * path, nothing here has a destructor.  The socket is non-blocking, so that
 * sending COPY data to a target that stopped reading waits on the latch
 * too, and a dead target surfaces as an ERROR, not a hang.
 */
#include "remote_conn.h"

extern "C" {
#include "libpq/libpq-be-fe-helpers.h"
}

namespace {

const char *const kApplicationName = "pd_mirror";

void describe(PdRemote *r) {
    const char *host = PQhost(r->conn), *port = PQport(r->conn), *db = PQdb(r->conn), *user = PQuser(r->conn);
    snprintf(r->where, sizeof r->where, "host=%s port=%s dbname=%s user=%s", host && *host ? host : "(default)",
             port && *port ? port : "(default)", db ? db : "", user ? user : "");
}

/* libpq's message, chomped, in the current memory context. */
char *conn_error(PGconn *conn) {
    const char *m = conn ? PQerrorMessage(conn) : "out of memory";
    return pchomp(m && *m ? m : "connection lost");
}

bool conninfo_has_password(const char *conninfo) {
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    if (err)
        PQfreemem(err);
    bool found = false;
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val && o->val[0] != '\0')
            found = true;
    if (opts)
        PQconninfoFree(opts);
    return found;
}

/* Waits until the socket is ready for what libpq needs, answering interrupts. */
void wait_socket(PdRemote *r, int events) {
    int rc = WaitLatchOrSocket(MyLatch, WL_EXIT_ON_PM_DEATH | WL_LATCH_SET | events, PQsocket(r->conn), -1,
                               PG_WAIT_EXTENSION);
    if (rc & WL_LATCH_SET) {
        ResetLatch(MyLatch);
        CHECK_FOR_INTERRUPTS();
    }
}

void fail(PdRemote *r, const char *what, const char *message) {
    ereport(ERROR, (errcode(ERRCODE_CONNECTION_FAILURE),
                    errmsg("pd_mirror: %s on the target failed: %s", what, message),
                    errdetail("Target: %s.", r->where)));
}

/* Sends what libpq has queued (non-blocking mode). */
void flush(PdRemote *r, const char *what) {
    for (;;) {
        int rc = PQflush(r->conn);
        if (rc == 0)
            return;
        if (rc < 0)
            fail(r, what, conn_error(r->conn));
        /* reading too: the server may be sending an error while we write */
        wait_socket(r, WL_SOCKET_WRITEABLE | WL_SOCKET_READABLE);
        if (PQconsumeInput(r->conn) == 0)
            fail(r, what, conn_error(r->conn));
    }
}

/* The target's ERROR as ours, with its SQLSTATE, detail and hint; clears res. */
void raise_result(PdRemote *r, PGresult *res, const char *what) {
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char *msg = primary ? pstrdup(primary) : conn_error(r->conn);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *d = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *h = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
    char *detail = d ? pstrdup(d) : NULL, *hint = h ? pstrdup(h) : NULL;
    int code = state && strlen(state) == 5 ? MAKE_SQLSTATE(state[0], state[1], state[2], state[3], state[4])
                                           : ERRCODE_CONNECTION_FAILURE;
    PQclear(res);
    ereport(ERROR, (errcode(code), errmsg("pd_mirror: %s on the target failed: %s", what, msg),
                    detail ? errdetail_internal("%s", detail) : 0, hint ? errhint("%s", hint) : 0,
                    errcontext("target %s", r->where)));
}

/* Every result of what was sent; an ERROR at the first failure.  Returns the last (caller clears). */
PGresult *collect(PdRemote *r, const char *what) {
    PGresult *last = NULL;
    for (;;) {
        PGresult *res = libpqsrv_get_result(r->conn, PG_WAIT_EXTENSION);
        if (res == NULL)
            break;
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE || st == PGRES_NONFATAL_ERROR) {
            PQclear(last);
            /* drain the rest so the connection stays usable for a rollback */
            PGresult *more;
            while ((more = libpqsrv_get_result(r->conn, PG_WAIT_EXTENSION)) != NULL &&
                   PQstatus(r->conn) != CONNECTION_BAD)
                PQclear(more);
            raise_result(r, res, what);
        }
        PQclear(last);
        last = res;
        if (st == PGRES_COPY_IN || PQstatus(r->conn) == CONNECTION_BAD)
            break;
    }
    if (PQstatus(r->conn) == CONNECTION_BAD) {
        PQclear(last);
        fail(r, what, conn_error(r->conn));
    }
    return last;
}

void send_query(PdRemote *r, const char *sql, const char *what) {
    if (!PQsendQuery(r->conn, sql))
        fail(r, what, conn_error(r->conn));
    flush(r, what);
}

} // namespace

void pd_remote_connect(PdRemote *r, const char *conninfo, const char *dbname) {
    memset(r, 0, sizeof *r);
    strlcpy(r->where, "(not connected)", sizeof r->where);
    bool su = superuser();
    /* libpq options not blessed for server-side connections are refused for everyone */
    libpqsrv_check_proxy_conninfo(conninfo);
    if (!su && !conninfo_has_password(conninfo))
        ereport(ERROR, (errcode(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED),
                        errmsg("password is required"),
                        errdetail("Non-superusers must provide a password in the connection string.")));
    const char *keys[] = {"dbname", "dbname", "application_name", "fallback_application_name", NULL};
    const char *vals[] = {conninfo, dbname, kApplicationName, kApplicationName, NULL};
    if (dbname == NULL) {
        keys[1] = "application_name";
        vals[1] = kApplicationName;
    }
    PGconn *conn = libpqsrv_connect_params(keys, vals, 1, PG_WAIT_EXTENSION);
    if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
        char *msg = conn_error(conn);
        libpqsrv_disconnect(conn);
        ereport(ERROR, (errcode(ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION),
                        errmsg("pd_mirror: could not connect to the target server"),
                        errdetail_internal("%s", msg)));
    }
    r->conn = conn;
    describe(r);
    r->server_version = PQserverVersion(conn);
    const char *enc = PQparameterStatus(conn, "server_encoding");
    strlcpy(r->server_encoding, enc ? enc : "", sizeof r->server_encoding);
    /* the server's own credentials (trust, peer, .pgpass) must never serve a non-superuser */
    if (!su && !PQconnectionUsedPassword(conn)) {
        pd_remote_close(r);
        ereport(ERROR, (errcode(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED),
                        errmsg("password is required"),
                        errdetail("Non-superuser cannot connect if the server does not request a password."),
                        errhint("Target server's authentication method must be changed.")));
    }
    if (PQsetnonblocking(conn, 1) != 0) {
        char *msg = conn_error(conn);
        pd_remote_close(r);
        ereport(ERROR, (errcode(ERRCODE_CONNECTION_FAILURE), errmsg("pd_mirror: %s", msg)));
    }
}

void pd_remote_close(PdRemote *r) {
    if (r == NULL || r->conn == NULL)
        return;
    PGconn *conn = r->conn;
    r->conn = NULL;
    if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) == PQTRANS_ACTIVE) {
        /* stop the target's statement now rather than when it next writes to a closed socket */
        PGcancel *cancel = PQgetCancel(conn);
        char buf[256];
        if (cancel) {
            (void) PQcancel(cancel, buf, sizeof buf);
            PQfreeCancel(cancel);
        }
    }
    libpqsrv_disconnect(conn);
}

void pd_remote_exec(PdRemote *r, const char *sql, const char *what) {
    send_query(r, sql, what);
    PGresult *res = collect(r, what);
    if (res && PQresultStatus(res) == PGRES_COPY_IN) {
        PQclear(res);
        fail(r, what, "unexpected COPY");
    }
    PQclear(res);
}

char *pd_remote_value(PdRemote *r, const char *sql, const char *what) {
    send_query(r, sql, what);
    PGresult *res = collect(r, what);
    if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
        PQclear(res);
        fail(r, what, "unexpected result");
    }
    char *value = PQgetisnull(res, 0, 0) ? NULL : pstrdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    return value;
}

void pd_remote_exec_params(PdRemote *r, const char *sql, int nparams, const char *const *values, const int *lengths,
                           const char *what) {
    int formats[8];
    Assert(nparams <= 8);
    for (int i = 0; i < nparams; i++)
        formats[i] = lengths[i] >= 0 ? 1 : 0;
    if (!PQsendQueryParams(r->conn, sql, nparams, NULL, values, lengths, formats, 0))
        fail(r, what, conn_error(r->conn));
    flush(r, what);
    PQclear(collect(r, what));
}

void pd_remote_copy_begin(PdRemote *r, const char *copy_sql, const char *what) {
    send_query(r, copy_sql, what);
    PGresult *res = collect(r, what);
    bool ok = res && PQresultStatus(res) == PGRES_COPY_IN;
    PQclear(res);
    if (!ok)
        fail(r, what, "the target did not start COPY");
}

/*
 * Queues COPY data (or its end) and sends it; a call that could not queue
 * yet (non-blocking mode) is retried once the socket takes more.
 */
static void copy_put_or_end(PdRemote *r, const char *data, size_t len, bool end, const char *what) {
    for (;;) {
        int rc = end ? PQputCopyEnd(r->conn, NULL) : PQputCopyData(r->conn, data, (int) len);
        if (rc == 1)
            break;
        if (rc < 0)
            fail(r, what, conn_error(r->conn));
        wait_socket(r, WL_SOCKET_WRITEABLE);
    }
    /* the target answers COPY only at its end; a failed one has sent its error and closed nothing yet */
    flush(r, what);
}

void pd_remote_copy_put(PdRemote *r, const char *data, size_t len, const char *what) {
    copy_put_or_end(r, data, len, false, what);
}

void pd_remote_copy_end(PdRemote *r, const char *what) {
    copy_put_or_end(r, NULL, 0, true, what);
    PQclear(collect(r, what));
}

char *pd_remote_masked_conninfo(const char *conninfo) {
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    if (err)
        PQfreemem(err);
    if (opts == NULL)
        return pstrdup("(invalid connection string)");
    StringInfoData buf;
    initStringInfo(&buf);
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (o->val == NULL || o->val[0] == '\0')
            continue;
        bool secret = strcmp(o->keyword, "password") == 0 || strchr(o->dispchar, '*') != NULL;
        appendStringInfo(&buf, "%s%s=%s", buf.len ? " " : "", o->keyword, secret ? "********" : o->val);
    }
    PQconninfoFree(opts);
    return buf.data;
}
