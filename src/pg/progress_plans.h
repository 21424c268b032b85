/* A dump's or a restore's plan as progress totals (progress_plans.cpp). */
#pragma once

#include "../pure/dump_plan.h"
#include "pg_includes.h"

namespace pd {
class RestorePlan;
}

/* The totals, and the data phase begins. */
extern void pd_progress_dump_planned(const pd::DataItem *items, int nitems);
/* The totals (the phase stays 'catalog': the restore creates the objects before the data). */
extern void pd_progress_restore_planned(const pd::RestorePlan *plan);
