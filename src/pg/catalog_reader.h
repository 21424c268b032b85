/*
 * Reads the catalog through SPI, under the dump's snapshot, into a DumpPlan.
 * The caller has connected SPI and pushed the snapshot as the active one.
 */
#pragma once

#include "pg_includes.h"

namespace pd {
class DumpPlan;
}

/* Relations the dump reads; locked by the leader before anything else. */
typedef struct PdRelation {
    Oid relid;
    char *label;
    char relkind;
} PdRelation;

extern PdRelation *pd_list_relations(int *count);

/* Reads every object, data item and dependency into plan. */
extern void pd_read_catalog(pd::DumpPlan *plan);

/* Raises a WARNING for every object kind present that this version does not dump. */
extern void pd_warn_unsupported(void);
