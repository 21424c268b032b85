/*
 * Running a piece of PostgreSQL-facing code so that its ERROR becomes a
 * message instead of ending the statement: in an internal subtransaction,
 * as PL/pgSQL runs an EXCEPTION block, so that files, locks and memory it
 * took are released.  Cancel and statement_timeout are raised again.
 */
#pragma once

#include "pg_includes.h"

/* NULL when fn returned, else the message of its ERROR (palloc'd in the caller's memory context). */
extern char *pd_trap_errors(void (*fn)(void *arg), void *arg);
