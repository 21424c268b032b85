/*
 * A dependency graph over objects 0..n-1 in two flat arrays (compressed
 * sparse rows): what object i depends on is targets[begin[i], begin[i+1]),
 * in the order the edges were given.  A dump of 100,000 tables has some
 * million edges; as one array of 32-bit ids they cost 4 bytes each, where a
 * vector per object cost some 40 bytes per object on top.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "spill_heap.h"

namespace pd {

class DepGraph {
  public:
    struct Range {
        const uint32_t *first, *last;
        const uint32_t *begin() const { return first; }
        const uint32_t *end() const { return last; }
        size_t size() const { return static_cast<size_t>(last - first); }
        bool empty() const { return first == last; }
    };
    using Edge = std::pair<uint32_t, uint32_t>; /* (from, to): from depends on to */

    DepGraph() = default;
    /*
     * The graph of n objects with these edges; in each object's list they
     * keep their order, a repeated edge and an edge of an object to itself
     * are dropped.  Throws on an id out of range.
     */
    DepGraph(size_t n, const std::vector<Edge> &edges);
    /*
     * The same from a generator of edges, with no list of them held:
     * each(emit) calls emit(from, to) for every edge, in order, and is
     * called twice (to count, then to fill), giving the same edges each time.
     */
    template <typename EachEdge> static DepGraph from_edges(size_t n, EachEdge each) {
        DepGraph g;
        g.start(n);
        each([&g](uint32_t from, uint32_t to) { g.count_edge(from, to); });
        g.counted();
        each([&g](uint32_t from, uint32_t to) { g.fill_edge(from, to); });
        g.filled();
        return g;
    }
    /* From one list per object (tests, small graphs). */
    explicit DepGraph(const std::vector<std::vector<size_t>> &lists);

    size_t size() const { return begin_.empty() ? 0 : begin_.size() - 1; }
    size_t edge_count() const { return targets_.size(); }
    Range deps(size_t i) const { return Range{targets_.data() + begin_[i], targets_.data() + begin_[i + 1]}; }
    /* This graph with more edges after each object's own (dropped as above). */
    DepGraph with_edges(const std::vector<Edge> &more) const;
    /* Drops from's edge to to (the first, if any). */
    void remove_edge(size_t from, uint32_t to);
    /* Drops every edge of from. */
    void clear_edges(size_t from);

  private:
    void start(size_t n);
    void count_edge(uint32_t from, uint32_t to);
    void counted();
    void fill_edge(uint32_t from, uint32_t to);
    void filled(); /* drops repeats and self edges */
    spill_vector<uint32_t> begin_; /* n + 1 offsets into targets_ */
    spill_vector<uint32_t> targets_;
};

/*
 * Walks what the objects of first (an object's dependencies) lead to,
 * depth first, each object once: visit(d, push) is called for every object
 * reached, and calls push(range) with what to go on through (d's own
 * dependencies, g.deps(d), or more); the last pushed is walked first.
 */
template <typename Visit> void walk_dependencies(const DepGraph &g, DepGraph::Range first, Visit visit) {
    std::vector<uint32_t> todo(first.begin(), first.end());
    std::set<uint32_t> seen;
    auto push = [&](DepGraph::Range r) { todo.insert(todo.end(), r.begin(), r.end()); };
    while (!todo.empty()) {
        uint32_t d = todo.back();
        todo.pop_back();
        if (seen.insert(d).second)
            visit(d, push);
    }
    (void) g;
}

} // namespace pd
