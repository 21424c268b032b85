/*
 * The spill heap of a dump's or a restore's leader (src/pure/spill_heap.h) in a temporary
 * file mapped into memory: the plan's records live in the page cache,
 * written to pgsql_tmp and dropped under memory pressure, instead of in the
 * backend's private memory.  The file has no name once created (it is
 * removed at once and lives as long as the mapping), so no way out of the
 * backend, a crash included, leaves it behind.
 */
#pragma once

#include "pg_includes.h"

typedef struct PdSpillHeap PdSpillHeap;

/*
 * A new heap, installed for SpillAllocator (call outside C++ code; may raise
 * an ERROR).
 */
extern PdSpillHeap *pd_spill_heap_create(void);
/*
 * Uninstalls and unmaps it (NULL: nothing), after the containers that used it
 * are gone; raises no ERROR.  A heap something still holds memory of stays
 * mapped (a leak, logged), never unmapped under it.
 */
extern void pd_spill_heap_destroy(PdSpillHeap *heap);
/* The most of the file in use at once so far, in kB (0 for NULL). */
extern uint64 pd_spill_heap_peak_kb(const PdSpillHeap *heap);
