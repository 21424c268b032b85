/*
 * Where a pd_restore's wall time goes, logged at DEBUG1 when it ends: the
 * time of each phase, and per worker its busy time (by kind of work: table
 * data, index and constraint builds, other SQL) and its idle time while
 * the parallel phase ran.  The leader calls these; nothing is allocated
 * (at most kMaxTimedWorkers workers are timed).  At DEBUG2, each batch's
 * worker, start, end and first entry as it ends: a timeline of the restore.
 */
#pragma once

#include "pg_includes.h"

/* Starts the clock: the reading of the TOC and the planning is the first phase. */
extern void pd_restore_timing_begin(void);
/* Ends the phase running, begins phase name (a constant string); parallel: the data phase's idle is counted. */
extern void pd_restore_timing_phase(const char *name, bool parallel);
/* Worker w was sent a batch of n entries, the first of TOC entry type desc (for the timeline: dump_id, tag); it replied. */
extern void pd_restore_timing_sent(int w, const char *desc, int dump_id, const char *tag, int n);
extern void pd_restore_timing_done(int w);
/* Ends the last phase and logs the figures at DEBUG1. */
extern void pd_restore_timing_report(int jobs);
