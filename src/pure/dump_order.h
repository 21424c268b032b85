/*
 * pg_dump 15's order of a dump (pg_dump_sort.c), for DumpPlan::finalize:
 * the comparison of sortDumpableObjectsByTypeName (priority, schema, name,
 * object type, the per-type tie-breakers, oid) and TopoSort, which emits
 * objects backwards from a max-heap of positions so that each moves as
 * little from the name order as its dependencies allow.
 */
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "dep_graph.h"
#include "spill_heap.h"
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

/* A place in an arena of sort texts. */
struct TextSpan {
    uint32_t offset = 0;
    uint32_t length = 0;
};

/*
 * An object to order, in 32 bytes: its OrderKey with the texts as places in
 * one arena, and the section whose boundaries it sits between (SECTION_NONE:
 * neither).
 */
struct OrderRecord {
    TextSpan schema, name, ties;
    uint32_t oid = 0;
    int16_t priority = 0;
    uint8_t object_type = 0;
    int8_t section = SECTION_PRE_DATA;
};

/* The OrderKey of a record, its texts viewed in arena. */
OrderKey order_key(std::string_view arena, const OrderRecord &r);

/*
 * The order of items (indexes into it) pg_dump's sortDumpableObjects gives:
 * sorted by key, then topologically (deps: the items each must follow),
 * with the pre-data and post-data boundaries as items of their own at the
 * given priorities, so that each section follows the one before.  Loops are
 * broken as pg_dump's repairDependencyLoop does for a matview (at the
 * pre-data boundary's dependency on the next item of the loop) or at last
 * resort (at the first item's dependency on the next); the items of the
 * latter go to *broken_at.  Works in flat arrays of 32-bit ids: some 24
 * bytes per item and 4 per edge besides its arguments.
 */
template <typename Records> /* std::vector or std::deque of OrderRecord */
spill_vector<uint32_t> order_objects(std::string_view arena, const Records &items, const DepGraph &deps,
                                    int pre_boundary_priority, int post_boundary_priority,
                                    std::vector<uint32_t> *broken_at, void (*memory_probe)() = nullptr);

/* pg_dump's DumpableObjectType order of the object a TOC entry type comes from. */
int object_type_of_desc(const std::string &desc);

/*
 * pg_dump's TopoSort over objects 0..n-1 in their sorted order; deps.deps(i)
 * are the objects that must come before i.  True with *ordering the
 * order; false with *ordering the objects that could not be placed.
 */
bool topo_sort(const DepGraph &deps, spill_vector<uint32_t> *ordering);

/*
 * A dependency loop through start among the objects of candidates (as
 * pg_dump's findLoop): start, then what it depends on, and so on back to
 * start; empty when start is in no loop.
 */
std::vector<uint32_t> find_loop(const DepGraph &deps, uint32_t start, const std::vector<bool> &candidates);

/* The elements of a text[] in PostgreSQL's output syntax ({a,"b c",NULL}); NULL elements as "". */
std::vector<std::string> parse_text_array(const std::string &text);

} // namespace pd
