/*
 * Figures for a process's memory, for DEBUG1 reports of pd_dump's leader
 * and workers: the kernel's peak resident set (VmHWM), what the memory
 * contexts hold, and what malloc has handed out (the C++ heap plus the
 * contexts' blocks).  pd_memory_sample() records the peaks of the last two;
 * the leader samples after each catalog query and at each phase's end.
 */
#pragma once

#include "pg_includes.h"

/* VmHWM of this process in kB, 0 if /proc does not say. */
extern uint64 pd_peak_rss_kb(void);

/* Bytes allocated by every memory context of this process. */
extern uint64 pd_context_bytes(void);

/* Bytes malloc has handed out and not yet taken back (mallinfo2). */
extern uint64 pd_malloc_bytes(void);

/* Records the current context and malloc totals into the peaks below. */
extern void pd_memory_sample(void);
/* Starts the peaks again (a dump's start: a session may run several). */
extern void pd_memory_reset_peaks(void);
extern uint64 pd_context_peak(void);
extern uint64 pd_malloc_peak(void);
