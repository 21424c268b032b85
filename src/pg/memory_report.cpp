#include "memory_report.h"

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

uint64 pd_context_bytes(void) { return (uint64) MemoryContextMemAllocated(TopMemoryContext, true); }
