/*
 * The database's own properties for a database pd_mirror created
 * (create_database => true), as pg_restore --create restores pg_dump's
 * DATABASE, DATABASE PROPERTIES and database COMMENT / ACL entries: its
 * owner, comment, connection limit, ALTER DATABASE ... SET and ALTER ROLE
 * ... IN DATABASE ... SET settings, privileges and template flag, written
 * for the target's name of the database (which may differ from this one's).
 */
#pragma once

#include "remote_conn.h"

typedef struct PdMirrorDbOptions {
    bool no_owner;
    bool no_privileges;
    bool no_comments;
    bool data_only; /* as pg_dump -a: no comment, no privileges */
} PdMirrorDbOptions;

/*
 * Runs them on target (connected to the database dbname), once the copy is
 * done, so that no setting (default_transaction_read_only, a connection
 * limit) changes the copy's own sessions.  The owner only when the target
 * role may give the database to it (a WARNING says so otherwise).
 */
extern void pd_mirror_database_properties(PdRemote *target, const char *dbname, const PdMirrorDbOptions *o);
