/* The data phase's timeline per worker (dump_timeline.h). */
#include "dump_timeline.h"

extern "C" {
#include "utils/timestamp.h"
}

namespace {

typedef struct WorkerLine {
    TimestampTz sent;  /* the current item's, 0 when idle */
    TimestampTz last;  /* end of its last item */
    int64 busy_us;
    double cpu;        /* from its last reply */
    int items;
    int id;
    int piece;
    char label[64];
} WorkerLine;

WorkerLine *lines = NULL;
int nlines = 0;
TimestampTz phase_start = 0;
double leader_seconds = 0;

/* An aborted dump frees TopTransactionContext without a report: forget the
 * lines with it, so that nothing later writes through a dangling pointer. */
bool callback_armed = false; /* forget_callback is registered in this transaction */
void forget_lines(void *) {
    lines = NULL;
    nlines = 0;
    callback_armed = false;
}
MemoryContextCallback forget_callback = {forget_lines, NULL, NULL};

} // namespace

void pd_timeline_begin(int nworkers) {
    if (lines != NULL)
        pfree(lines);
    lines = (WorkerLine *) MemoryContextAllocZero(TopTransactionContext, sizeof(WorkerLine) * (nworkers + 1));
    if (!callback_armed) {
        MemoryContextRegisterResetCallback(TopTransactionContext, &forget_callback);
        callback_armed = true;
    }
    nlines = nworkers;
    phase_start = GetCurrentTimestamp();
    leader_seconds = 0;
}

void pd_timeline_sent(int w, int id, const char *label, int piece) {
    if (lines == NULL || w < 0 || w >= nlines)
        return;
    WorkerLine *l = &lines[w];
    l->sent = GetCurrentTimestamp();
    l->id = id;
    l->piece = piece;
    strlcpy(l->label, label, sizeof l->label);
}

void pd_timeline_done(int w, double cpu_seconds) {
    if (lines == NULL || w < 0 || w >= nlines || lines[w].sent == 0)
        return;
    WorkerLine *l = &lines[w];
    TimestampTz now = GetCurrentTimestamp();
    l->busy_us += now - l->sent;
    l->items++;
    if (l->piece >= 0)
        ereport(DEBUG2, (errmsg_internal("pd_dump worker %d: %s piece %d from %.3f s to %.3f s (CPU %.3f s so far)",
                                         w, l->label, l->piece, (double) (l->sent - phase_start) / 1e6,
                                         (double) (now - phase_start) / 1e6, cpu_seconds)));
    l->sent = 0;
    l->last = now;
    l->cpu = cpu_seconds;
}

void pd_timeline_leader(double seconds) { leader_seconds += seconds; }

void pd_timeline_report(void) {
    if (lines == NULL)
        return;
    TimestampTz end = GetCurrentTimestamp();
    double total = (double) (end - phase_start) / 1e6;
    for (int w = 0; w < nlines; w++) {
        WorkerLine *l = &lines[w];
        if (l->items == 0)
            continue;
        double busy = (double) l->busy_us / 1e6;
        ereport(DEBUG1, (errmsg_internal("pd_dump worker %d: %d items, busy %.3f s, idle %.3f s of %.3f s, "
                                         "out of work %.3f s before the end, CPU %.3f s",
                                         w, l->items, busy, total - busy, total,
                                         (double) (end - l->last) / 1e6, l->cpu)));
    }
    ereport(DEBUG1, (errmsg_internal("pd_dump leader: %.3f s writing or joining data itself", leader_seconds)));
    pfree(lines);
    lines = NULL;
    nlines = 0;
}
