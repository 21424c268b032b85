/* Memory figures of this process for the DEBUG1 reports (see memory_report.h). */
#include "memory_report.h"

#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

extern "C" {
#include "pgstat.h"
#include "utils/rel.h"
}

/*
 * A "Name: N kB" line of /proc/self/status, 0 if it is not there.  Plain
 * system calls: it runs inside the plan's C++ code (its memory probe),
 * where nothing may raise a PostgreSQL error.
 */
static uint64 status_kb(const char *name) {
    char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    size_t len = strlen(name);
    for (char *line = buf; line != NULL && *line != '\0';) {
        if (strncmp(line, name, len) == 0 && line[len] == ':')
            return (uint64) strtoull(line + len + 1, NULL, 10);
        line = strchr(line, '\n');
        if (line != NULL)
            line++;
    }
    return 0;
}

uint64 pd_peak_rss_kb(void) { return status_kb("VmHWM"); }

uint64 pd_private_rss_kb(void) { return status_kb("RssAnon"); }

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
uint64 private_peak = 0;
} // namespace

void pd_memory_sample(void) {
    uint64 contexts = pd_context_bytes(), heap = pd_malloc_bytes();
    context_peak = Max(context_peak, contexts);
    malloc_peak = Max(malloc_peak, heap);
    /* the contexts' blocks are malloc's too: what is left is the C++ heap (and the few other mallocs) */
    heap_peak = Max(heap_peak, heap > contexts ? heap - contexts : 0);
    private_peak = Max(private_peak, pd_private_rss_kb());
}

void pd_memory_reset_peaks(void) {
    context_peak = 0;
    malloc_peak = 0;
    heap_peak = 0;
    private_peak = 0;
}

uint64 pd_context_peak(void) { return context_peak; }

uint64 pd_malloc_peak(void) { return malloc_peak; }

uint64 pd_heap_peak(void) { return heap_peak; }

uint64 pd_private_peak_kb(void) { return private_peak; }
