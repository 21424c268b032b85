/* pd_restore's phase and worker timings (see restore_timing.h). */
#include "restore_timing.h"

extern "C" {
#include "portability/instr_time.h"
}

namespace {

const int kMaxTimedWorkers = 64;
const int kMaxPhases = 8;
enum Kind { KIND_DATA, KIND_INDEX, KIND_OTHER, KIND_COUNT };
const char *const kKindNames[KIND_COUNT] = {"data", "indexes and constraints", "other"};

struct Timing {
    instr_time start;       /* of the restore */
    instr_time phase_start; /* of the phase running */
    int nphases;
    const char *phase_names[kMaxPhases];
    double phase_secs[kMaxPhases];
    bool parallel;      /* the phase running is the parallel one */
    double busy[kMaxTimedWorkers][KIND_COUNT];
    double parallel_busy[kMaxTimedWorkers]; /* busy time inside the parallel phase */
    double parallel_secs;
    instr_time sent_at[kMaxTimedWorkers];
    /* the batch running, for the DEBUG2 timeline */
    int dump_id[kMaxTimedWorkers];
    int count[kMaxTimedWorkers];
    char tag[kMaxTimedWorkers][64];
    int kind[kMaxTimedWorkers]; /* of the work sent, -1 when idle */
};

Timing timing;

double since(const instr_time &t) {
    instr_time now;
    INSTR_TIME_SET_CURRENT(now);
    INSTR_TIME_SUBTRACT(now, t);
    return INSTR_TIME_GET_DOUBLE(now);
}

int kind_of(const char *desc) {
    if (strcmp(desc, "TABLE DATA") == 0 || strcmp(desc, "BLOBS") == 0)
        return KIND_DATA;
    if (strcmp(desc, "INDEX") == 0 || strcmp(desc, "CONSTRAINT") == 0 || strcmp(desc, "FK CONSTRAINT") == 0 ||
        strcmp(desc, "INDEX ATTACH") == 0)
        return KIND_INDEX;
    return KIND_OTHER;
}

void end_phase(void) {
    if (timing.nphases == 0)
        return;
    double secs = since(timing.phase_start);
    timing.phase_secs[timing.nphases - 1] = secs;
    if (timing.parallel)
        timing.parallel_secs += secs;
}

} // namespace

void pd_restore_timing_begin(void) {
    memset(&timing, 0, sizeof timing);
    for (int w = 0; w < kMaxTimedWorkers; w++)
        timing.kind[w] = -1;
    INSTR_TIME_SET_CURRENT(timing.start);
    pd_restore_timing_phase("reading the TOC and planning", false);
}

void pd_restore_timing_phase(const char *name, bool parallel) {
    end_phase();
    if (timing.nphases == kMaxPhases)
        return;
    timing.phase_names[timing.nphases++] = name;
    timing.parallel = parallel;
    INSTR_TIME_SET_CURRENT(timing.phase_start);
}

void pd_restore_timing_sent(int w, const char *desc, int dump_id, const char *tag, int n) {
    if (w < 0 || w >= kMaxTimedWorkers)
        return;
    timing.kind[w] = kind_of(desc);
    timing.dump_id[w] = dump_id;
    timing.count[w] = n;
    if (message_level_is_interesting(DEBUG2)) /* only the DEBUG2 timeline prints it */
        snprintf(timing.tag[w], sizeof timing.tag[w], "%s %s", desc, tag);
    INSTR_TIME_SET_CURRENT(timing.sent_at[w]);
}

void pd_restore_timing_done(int w) {
    if (w < 0 || w >= kMaxTimedWorkers || timing.kind[w] < 0)
        return;
    double secs = since(timing.sent_at[w]);
    if (message_level_is_interesting(DEBUG2)) {
        instr_time from = timing.sent_at[w];
        INSTR_TIME_SUBTRACT(from, timing.start);
        double at = INSTR_TIME_GET_DOUBLE(from);
        char more[32] = "";
        if (timing.count[w] > 1)
            snprintf(more, sizeof more, " and %d more", timing.count[w] - 1);
        ereport(DEBUG2, (errmsg_internal("pd_restore timeline: worker %d %.2f-%.2f s (%.2f s) TOC entry %d %s%s", w, at,
                                         at + secs, secs, timing.dump_id[w], timing.tag[w], more)));
    }
    timing.busy[w][timing.kind[w]] += secs;
    if (timing.parallel)
        timing.parallel_busy[w] += secs;
    timing.kind[w] = -1;
}

void pd_restore_timing_report(int jobs) {
    end_phase();
    timing.nphases = Min(timing.nphases, kMaxPhases);
    StringInfoData s;
    initStringInfo(&s);
    appendStringInfo(&s, "pd_restore timing: %.2f s;", since(timing.start));
    for (int p = 0; p < timing.nphases; p++)
        appendStringInfo(&s, "%s %s %.2f s", p ? "," : "", timing.phase_names[p], timing.phase_secs[p]);
    for (int w = 0; w < Min(jobs, kMaxTimedWorkers); w++) {
        appendStringInfo(&s, "; worker %d busy", w);
        for (int k = 0; k < KIND_COUNT; k++)
            appendStringInfo(&s, "%s %s %.2f s", k ? "," : "", kKindNames[k], timing.busy[w][k]);
        appendStringInfo(&s, ", idle in the parallel phase %.2f s", timing.parallel_secs - timing.parallel_busy[w]);
    }
    ereport(DEBUG1, (errmsg_internal("%s", s.data)));
    pfree(s.data);
}
