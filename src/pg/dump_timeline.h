/*
 * Where a parallel pd_dump's data phase loses time against the ideal (every
 * worker busy until the end): the leader notes when it hands each worker an
 * item and when the reply comes, with the worker's CPU seconds so far, and
 * with client_min_messages = debug1 reports per worker its busy and idle
 * seconds, its CPU and how long before the end of the phase it ran out of
 * work (the tail); debug2 gives every piece of a split table (start and end).
 * Never raises an ERROR but through ereport(DEBUG).
 */
#pragma once

#include "pg_includes.h"

/* Starts the phase's clock for nworkers workers (TopTransactionContext). */
extern void pd_timeline_begin(int nworkers);
/* Worker w got work id id (label, piece -1 for a whole table). */
extern void pd_timeline_sent(int w, int id, const char *label, int piece);
/* Worker w replied for its item; cpu_seconds: its CPU so far. */
extern void pd_timeline_done(int w, double cpu_seconds);
/* The leader wrote or joined something itself (wall seconds). */
extern void pd_timeline_leader(double seconds);
/* DEBUG1 lines per worker, then forgets the figures. */
extern void pd_timeline_report(void);
