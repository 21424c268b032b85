/*
 * Figures for a process's memory, for DEBUG1 reports of pd_dump's leader
 * and workers: the kernel's peak resident set (VmHWM) and what the memory
 * contexts hold.
 */
#pragma once

#include "pg_includes.h"

/* VmHWM of this process in kB, 0 if /proc does not say. */
extern uint64 pd_peak_rss_kb(void);

/* Bytes allocated by every memory context of this process. */
extern uint64 pd_context_bytes(void);
