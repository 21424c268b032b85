/*
 * The totals a run's progress starts from, read off a dump's or a
 * restore's plan: the items, and the bytes of table data (the tables'
 * sizes on disk for pd_dump, the data files' uncompressed sizes for
 * pd_restore; large objects are items, not bytes).
 */
#include "progress_plans.h"

#include "../pure/restore_plan.h"
#include "cxx_guard.h"
#include "progress.h"

void pd_progress_dump_planned(const pd::DataItem *items, int nitems) {
    int64 bytes = 0;
    for (int i = 0; i < nitems; i++)
        if (items[i].kind != pd::DATA_BLOBS)
            bytes += items[i].size_bytes;
    pd_progress_totals(nitems, bytes);
    pd_progress_phase(PD_PHASE_DATA);
}

void pd_progress_restore_planned(const pd::RestorePlan *plan, const std::vector<pd::TocRun> *runs) {
    int64 items = 0, bytes = 0;
    pd::cxx_call([&] {
        const pd::RestorePhase phases[] = {pd::PHASE_PRE, pd::PHASE_MAIN, pd::PHASE_ACL, pd::PHASE_POST_ACL};
        for (pd::RestorePhase p : phases)
            for (int i : plan->phase_items(p)) {
                const pd::RestoreItem &it = plan->items()[(size_t) i];
                /* a run of large objects' metadata counts its entries of the phase, as they are counted done */
                if (it.run < 0 || runs == nullptr)
                    items++;
                else
                    items += it.phase == pd::PHASE_ACL ? (*runs)[(size_t) it.run].acl_count
                                                       : (*runs)[(size_t) it.run].pre_count;
            }
        for (const pd::RestoreItem &it : plan->items())
            if (it.work == pd::WORK_COPY)
                bytes += it.size;
    });
    pd_progress_totals(items, bytes);
}
