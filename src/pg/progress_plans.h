/* A dump's or a restore's plan as progress totals (progress_plans.cpp). */
#pragma once

#include <vector>

#include "../pure/dump_plan.h"
#include "pg_includes.h"

namespace pd {
class RestorePlan;
}

/* The totals, and the data phase begins. */
extern void pd_progress_dump_planned(const pd::DataItem *items, int nitems);
/*
 * The totals (the phase stays 'catalog': the restore creates the objects
 * before the data); runs (of the archive's large objects' metadata, or
 * NULL) give the entries a run's items stand for.
 */
extern void pd_progress_restore_planned(const pd::RestorePlan *plan, const std::vector<pd::TocRun> *runs);
