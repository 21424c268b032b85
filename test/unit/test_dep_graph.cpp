/* The flat dependency graph (dep_graph.h): order kept, repeats dropped, edits, walks. */
#include "../../src/pure/dep_graph.h"
#include "unit.h"

#include <stdexcept>

using namespace pd;

namespace {
std::vector<uint32_t> list(const DepGraph &g, size_t i) { return std::vector<uint32_t>(g.deps(i).begin(), g.deps(i).end()); }
} // namespace

TEST(dep_graph_keeps_edge_order_and_drops_repeats) {
    DepGraph g(4, {{2, 3}, {0, 1}, {2, 0}, {2, 3}, {1, 1}, {2, 1}, {0, 1}});
    CHECK_EQ(g.size(), size_t(4));
    CHECK_EQ(list(g, 0), (std::vector<uint32_t>{1}));
    CHECK(g.deps(1).empty()); /* an edge to itself is no dependency */
    CHECK_EQ(list(g, 2), (std::vector<uint32_t>{3, 0, 1}));
    CHECK(g.deps(3).empty());
    CHECK_EQ(g.edge_count(), size_t(4));

    DepGraph more = g.with_edges({{3, 0}, {2, 0}, {2, 2}, {0, 3}});
    CHECK_EQ(list(more, 0), (std::vector<uint32_t>{1, 3}));
    CHECK_EQ(list(more, 2), (std::vector<uint32_t>{3, 0, 1}));
    CHECK_EQ(list(more, 3), (std::vector<uint32_t>{0}));

    more.remove_edge(2, 0);
    CHECK_EQ(list(more, 2), (std::vector<uint32_t>{3, 1}));
    CHECK_EQ(list(more, 3), (std::vector<uint32_t>{0}));
    more.clear_edges(0);
    CHECK(more.deps(0).empty());
    CHECK_EQ(list(more, 2), (std::vector<uint32_t>{3, 1}));
    CHECK_EQ(more.edge_count(), size_t(3));

    bool threw = false;
    try {
        DepGraph bad(2, {{0, 2}});
    } catch (const std::logic_error &) {
        threw = true;
    }
    CHECK(threw);
}

TEST(dep_graph_walks_each_object_once_where_told) {
    /* 0 -> 1 -> 2 -> 0 (a loop), 1 -> 3 -> 4 */
    DepGraph g(5, {{0, 1}, {1, 2}, {1, 3}, {2, 0}, {3, 4}});
    std::vector<uint32_t> seen;
    walk_dependencies(g, g.deps(0), [&](uint32_t d, auto push) {
        seen.push_back(d);
        push(g.deps(d));
    });
    CHECK_EQ(seen, (std::vector<uint32_t>{1, 3, 4, 2, 0}));
    /* the walk goes on only through what visit pushes */
    seen.clear();
    walk_dependencies(g, g.deps(0), [&](uint32_t d, auto push) {
        seen.push_back(d);
        if (d != 1)
            push(g.deps(d));
    });
    CHECK_EQ(seen, (std::vector<uint32_t>{1}));
}
