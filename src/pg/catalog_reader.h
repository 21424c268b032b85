/*
 * Reads the catalog through SPI, under the dump's snapshot, into a DumpPlan.
 * The caller has connected SPI and pushed the snapshot as the active one.
 */
#pragma once

#include "pg_includes.h"

namespace pd {
class DumpPlan;
}

/*
 * Which objects a dump selects, as the parameters of every catalog query:
 * schemas (oid[] or NULL), relations (oid[] or NULL), everything (bool),
 * excluded relations (oid[]), relations without data (oid[]), load via
 * partition root (bool).
 */
#define PD_SELECTION_PARAMS 6
typedef struct PdSelection {
    Datum values[PD_SELECTION_PARAMS];
    bool isnull[PD_SELECTION_PARAMS];
} PdSelection;

/* Relations the dump reads; locked by the leader before anything else. */
typedef struct PdRelation {
    Oid relid;
    char *label;
    char relkind;
} PdRelation;

extern PdRelation *pd_list_relations(const PdSelection *selection, int *count);

/* Reads every object, data item and dependency into plan. */
extern void pd_read_catalog(pd::DumpPlan *plan, const PdSelection *selection);
