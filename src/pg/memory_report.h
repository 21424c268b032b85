/*
 * Figures for a process's memory, for DEBUG1 reports of pd_dump's leader
 * and workers: the kernel's peak resident set (VmHWM), the private part of
 * the resident set (RssAnon), what the memory contexts hold, and what
 * malloc has handed out (the C++ heap plus the contexts' blocks).
 * pd_memory_sample() records the peaks of the last three;
 * the leader samples after each catalog query and at each phase's end.
 */
#pragma once

#include "pg_includes.h"

/* VmHWM of this process in kB, 0 if /proc does not say. */
extern uint64 pd_peak_rss_kb(void);

/*
 * RssAnon: the private memory of this process now resident, in kB.  Unlike
 * VmHWM it leaves out the shared buffers the process touched (every page
 * of every table and catalog it read counts in VmHWM, up to
 * shared_buffers: a worker that reads 10,000 small tables shows some 80 MB
 * more there, though its own memory is flat).
 */
extern uint64 pd_private_rss_kb(void);

/* Bytes allocated by every memory context of this process. */
extern uint64 pd_context_bytes(void);

/* Bytes malloc has handed out and not yet taken back (mallinfo2). */
extern uint64 pd_malloc_bytes(void);

/*
 * Stops the cumulative statistics (pg_stat_user_tables' seq_scan, ...)
 * from counting this process's reads of rel, opened just now.  A dump reads
 * every table and sequence in one transaction, and the counts of each
 * relation read wait in an entry of its own (some 300 bytes) until the
 * transaction ends: 6 MB in each process at 20,000 tables.  pd_dump's own
 * reads of a relation therefore go uncounted.
 */
extern void pd_read_uncounted(Relation rel);

/* Records the current context and malloc totals into the peaks below. */
extern void pd_memory_sample(void);
/* Starts the peaks again (a dump's start: a session may run several). */
extern void pd_memory_reset_peaks(void);
extern uint64 pd_context_peak(void);
extern uint64 pd_malloc_peak(void);
/*
 * The most malloc held outside the memory contexts at one sample: the C++
 * heap (the dump plan), whatever the contexts held then.  Unlike the two
 * peaks above it does not depend on when the catalog queries' executor
 * memory peaked.
 */
extern uint64 pd_heap_peak(void);
/* The most pd_private_rss_kb() was at one sample. */
extern uint64 pd_private_peak_kb(void);
