/* The flat dependency graph of a dump plan; see dep_graph.h. */
#include "dep_graph.h"

#include <algorithm>
#include <stdexcept>

#include "no_postgres.h"

namespace pd {

namespace {
constexpr uint32_t kNone = UINT32_MAX;
}

DepGraph::DepGraph(size_t n, const std::vector<Edge> &edges) {
    *this = from_edges(n, [&edges](auto emit) {
        for (const Edge &e : edges)
            emit(e.first, e.second);
    });
}

void DepGraph::start(size_t n) {
    if (n >= kNone)
        throw std::length_error("dependency graph beyond 4 billion objects");
    begin_.assign(n + 1, 0);
    targets_.clear();
}

void DepGraph::count_edge(uint32_t from, uint32_t to) {
    const size_t n = begin_.size() - 1;
    if (from >= n || to >= n)
        throw std::logic_error("dependency on an object out of range");
    if (begin_[from + 1] == kNone - 1)
        throw std::length_error("dependency graph beyond 4 billion edges");
    begin_[from + 1]++;
}

/* begin_[i] becomes where object i's list starts: the fill pass moves it to where the list ends. */
void DepGraph::counted() {
    const size_t n = begin_.size() - 1;
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += begin_[i + 1];
        if (total >= kNone)
            throw std::length_error("dependency graph beyond 4 billion edges");
        begin_[i + 1] = static_cast<uint32_t>(total);
    }
    targets_.resize(total);
}

void DepGraph::fill_edge(uint32_t from, uint32_t to) {
    if (from >= begin_.size() - 1 || to >= begin_.size() - 1 || begin_[from] >= targets_.size())
        throw std::logic_error("dependency graph: the edges changed between the two passes");
    targets_[begin_[from]++] = to;
}

void DepGraph::filled() {
    const size_t n = begin_.size() - 1;
    /* each begin_[i] is the end of list i: shift them back to be starts */
    for (size_t i = n; i > 0; i--)
        begin_[i] = begin_[i - 1];
    begin_[0] = 0;
    /* drop repeats and self edges in place, each list keeping its first of each */
    spill_vector<uint32_t> last_from(n, kNone); /* the list that last took each target */
    uint32_t out = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t from = begin_[i], to = begin_[i + 1];
        begin_[i] = out;
        for (uint32_t k = from; k < to; k++) {
            uint32_t t = targets_[k];
            if (t == i || last_from[t] == i)
                continue;
            last_from[t] = static_cast<uint32_t>(i);
            targets_[out++] = t;
        }
    }
    begin_[n] = out;
    targets_.resize(out);
    targets_.shrink_to_fit();
}

DepGraph::DepGraph(const std::vector<std::vector<size_t>> &lists) {
    std::vector<Edge> edges;
    for (size_t i = 0; i < lists.size(); i++)
        for (size_t t : lists[i])
            edges.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(t));
    *this = DepGraph(lists.size(), edges);
}

DepGraph DepGraph::with_edges(const std::vector<Edge> &more) const {
    if (more.empty())
        return *this;
    /* generated twice rather than listed: a list would cost 8 bytes an edge */
    return from_edges(size(), [&](auto emit) {
        for (size_t i = 0; i < size(); i++)
            for (uint32_t t : deps(i))
                emit(static_cast<uint32_t>(i), t);
        for (const Edge &e : more)
            emit(e.first, e.second);
    });
}

void DepGraph::remove_edge(size_t from, uint32_t to) {
    auto first = targets_.begin() + begin_[from], last = targets_.begin() + begin_[from + 1];
    auto it = std::find(first, last, to);
    if (it == last)
        return;
    targets_.erase(it);
    for (size_t i = from + 1; i < begin_.size(); i++)
        begin_[i]--;
}

void DepGraph::clear_edges(size_t from) {
    uint32_t count = begin_[from + 1] - begin_[from];
    targets_.erase(targets_.begin() + begin_[from], targets_.begin() + begin_[from + 1]);
    for (size_t i = from + 1; i < begin_.size(); i++)
        begin_[i] -= count;
}

} // namespace pd
