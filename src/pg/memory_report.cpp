#include "memory_report.h"

#include <malloc.h>

extern "C" {
#include "pgstat.h"
#include "utils/rel.h"
}

uint64 pd_peak_rss_kb(void) {
    FILE *f = AllocateFile("/proc/self/status", "r");
    if (f == NULL)
        return 0;
    char line[256];
    unsigned long long kb = 0;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmHWM: %llu kB", &kb) == 1)
            break;
    FreeFile(f);
    return (uint64) kb;
}

void pd_read_uncounted(Relation rel) {
    if (rel->pgstat_info != NULL)
        pgstat_unlink_relation(rel);
    rel->pgstat_enabled = false;
}

uint64 pd_context_bytes(void) { return (uint64) MemoryContextMemAllocated(TopMemoryContext, true); }

uint64 pd_malloc_bytes(void) {
    struct mallinfo2 mi = mallinfo2();
    return (uint64) (mi.uordblks + mi.hblkhd);
}

namespace {
uint64 context_peak = 0;
uint64 malloc_peak = 0;
uint64 heap_peak = 0;
} // namespace

void pd_memory_sample(void) {
    uint64 contexts = pd_context_bytes(), heap = pd_malloc_bytes();
    context_peak = Max(context_peak, contexts);
    malloc_peak = Max(malloc_peak, heap);
    /* the contexts' blocks are malloc's too: what is left is the C++ heap (and the few other mallocs) */
    heap_peak = Max(heap_peak, heap > contexts ? heap - contexts : 0);
}

void pd_memory_reset_peaks(void) {
    context_peak = 0;
    malloc_peak = 0;
    heap_peak = 0;
}

uint64 pd_context_peak(void) { return context_peak; }

uint64 pd_malloc_peak(void) { return malloc_peak; }

uint64 pd_heap_peak(void) { return heap_peak; }
