/*
 * pg_dump 15's order of a dump (pg_dump_sort.c), for DumpPlan::finalize:
 * the comparison of sortDumpableObjectsByTypeName (priority, schema, name,
 * object type, the per-type tie-breakers, oid) and TopoSort, which emits
 * objects backwards from a max-heap of positions so that each moves as
 * little from the name order as its dependencies allow.
 */
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "toc_archive.h"

namespace pd {

/*
 * What an object sorts by, as DOTypeNameCompare compares it.  The texts are
 * views into storage the caller keeps (the plan's one arena of sort texts),
 * so that a key costs no allocation per field.
 */
struct OrderKey {
    int priority = 0;
    std::string_view schema; /* empty: no schema, sorts after those with one */
    std::string_view name;
    int object_type = 0;   /* pg_dump's DumpableObjectType, for equal names */
    std::string_view ties; /* the tie-breakers (pack_ties), compared in turn, as strcmp */
    uint32_t oid = 0;
};

/* Tie-breakers as OrderKey::ties holds them: each element followed by a NUL byte. */
std::string pack_ties(const std::vector<std::string> &ties);

bool order_before(const OrderKey &a, const OrderKey &b);

/* An object to order: its key and the section whose boundaries it sits between (SECTION_NONE: neither). */
struct OrderItem {
    OrderKey key;
    int section = SECTION_PRE_DATA;
};

/*
 * The order of items (indexes into it) pg_dump's sortDumpableObjects gives:
 * sorted by key, then topologically (deps[i]: the items i must follow), with
 * the pre-data and post-data boundaries as items of their own at the given
 * priorities, so that each section follows the one before.  Loops are broken
 * as pg_dump's repairDependencyLoop does for a matview (at the pre-data
 * boundary's dependency on the next item of the loop) or at last resort
 * (at the first item's dependency on the next); the items of the latter go
 * to *broken_at.
 */
std::vector<size_t> order_objects(const std::vector<OrderItem> &items, const std::vector<std::vector<size_t>> &deps,
                                  int pre_boundary_priority, int post_boundary_priority,
                                  std::vector<size_t> *broken_at);

/* pg_dump's DumpableObjectType order of the object a TOC entry type comes from. */
int object_type_of_desc(const std::string &desc);

/*
 * pg_dump's TopoSort over objects 0..n-1 in their sorted order; deps[i]
 * lists the objects that must come before i.  True with *ordering the
 * order; false with *ordering the objects that could not be placed.
 */
bool topo_sort(const std::vector<std::vector<size_t>> &deps, std::vector<size_t> *ordering);

/*
 * A dependency loop through start among the objects of candidates (as
 * pg_dump's findLoop): start, then what it depends on, and so on back to
 * start; empty when start is in no loop.
 */
std::vector<size_t> find_loop(const std::vector<std::vector<size_t>> &deps, size_t start,
                              const std::vector<bool> &candidates);

/* The elements of a text[] in PostgreSQL's output syntax ({a,"b c",NULL}); NULL elements as "". */
std::vector<std::string> parse_text_array(const std::string &text);

} // namespace pd
