/* pg_dump 15's comparison and topological sort (pg_dump_sort.c); see dump_order.h. */
#include "dump_order.h"

#include <algorithm>
#include <queue>
#include <stdexcept>

#include "no_postgres.h"

namespace pd {

std::string pack_ties(const std::vector<std::string> &ties) {
    std::string packed;
    for (const std::string &t : ties) {
        packed.append(t);
        packed.push_back('\0');
    }
    return packed;
}

/* The next element of packed tie-breakers (pack_ties), consumed from *rest. */
static std::string_view next_tie(std::string_view *rest) {
    size_t end = rest->find('\0');
    std::string_view t = rest->substr(0, end);
    rest->remove_prefix(end == std::string_view::npos ? rest->size() : end + 1);
    return t;
}

static int compare_ties(std::string_view x, std::string_view y) {
    while (!x.empty() && !y.empty()) {
        int c = next_tie(&x).compare(next_tie(&y));
        if (c != 0)
            return c;
    }
    return x.empty() == y.empty() ? 0 : x.empty() ? -1 : 1; /* fewer elements first */
}

bool order_before(const OrderKey &a, const OrderKey &b) {
    if (a.priority != b.priority)
        return a.priority < b.priority;
    bool a_none = a.schema.empty(), b_none = b.schema.empty();
    if (a_none != b_none)
        return !a_none; /* an object in a schema before one outside any */
    if (!a_none) {
        int c = a.schema.compare(b.schema);
        if (c != 0)
            return c < 0;
    }
    int c = a.name.compare(b.name); /* compares bytes as unsigned, like strcmp */
    if (c != 0)
        return c < 0;
    if (a.object_type != b.object_type)
        return a.object_type < b.object_type;
    c = compare_ties(a.ties, b.ties);
    if (c != 0)
        return c < 0;
    return a.oid < b.oid;
}

int object_type_of_desc(const std::string &desc) {
    /* pg_dump.h's DumpableObjectType, in its order; only kinds sharing a priority need to differ */
    static const struct {
        const char *desc;
        int type;
    } kinds[] = {
        {"SCHEMA", 0},          {"EXTENSION", 1},        {"TYPE", 2},
        {"DOMAIN", 2},          {"SHELL TYPE", 3},       {"FUNCTION", 4},
        {"PROCEDURE", 4},       {"AGGREGATE", 5},        {"OPERATOR", 6},
        {"ACCESS METHOD", 7},   {"OPERATOR CLASS", 8},   {"OPERATOR FAMILY", 9},
        {"COLLATION", 10},      {"CONVERSION", 11},      {"TABLE ATTACH", 13},
        {"DEFAULT", 14},        {"INDEX", 15},           {"INDEX ATTACH", 16},
        {"STATISTICS", 17},     {"RULE", 18},            {"TRIGGER", 19},
        {"CONSTRAINT", 20},     {"CHECK CONSTRAINT", 20}, {"FK CONSTRAINT", 21},
        {"PROCEDURAL LANGUAGE", 22}, {"CAST", 23},       {"TABLE DATA", 24},
        {"SEQUENCE SET", 25},   {"TEXT SEARCH PARSER", 27}, {"TEXT SEARCH DICTIONARY", 28},
        {"TEXT SEARCH TEMPLATE", 29}, {"TEXT SEARCH CONFIGURATION", 30},
        {"FOREIGN DATA WRAPPER", 31}, {"SERVER", 32},    {"DEFAULT ACL", 33},
        {"TRANSFORM", 34},      {"BLOB", 35},            {"BLOBS", 36},
        {"EVENT TRIGGER", 39},  {"MATERIALIZED VIEW DATA", 40}, {"POLICY", 41},
        {"ROW SECURITY", 41},   {"PUBLICATION", 42},     {"PUBLICATION TABLE", 43},
        {"PUBLICATION TABLES IN SCHEMA", 44}, {"SUBSCRIPTION", 45},
    };
    for (const auto &k : kinds)
        if (desc == k.desc)
            return k.type;
    return 12; /* DO_TABLE: tables, views, sequences, foreign tables, ... */
}

bool topo_sort(const DepGraph &deps, spill_vector<uint32_t> *ordering) {
    const size_t n = deps.size();
    /* how many objects must come after each one */
    spill_vector<uint32_t> before(n, 0);
    for (size_t i = 0; i < n; i++)
        for (uint32_t k : deps.deps(i))
            before[k]++;
    std::priority_queue<uint32_t, spill_vector<uint32_t>> ready; /* max-heap: the last object in the sorted order first */
    for (size_t i = 0; i < n; i++)
        if (before[i] == 0)
            ready.push(static_cast<uint32_t>(i));
    ordering->assign(n, 0);
    size_t left = n;
    while (!ready.empty()) {
        uint32_t j = ready.top();
        ready.pop();
        (*ordering)[--left] = j;
        for (uint32_t k : deps.deps(j))
            if (--before[k] == 0)
                ready.push(k);
    }
    if (left == 0)
        return true;
    ordering->clear();
    for (size_t i = 0; i < n; i++)
        if (before[i] != 0)
            ordering->push_back(static_cast<uint32_t>(i));
    return false;
}

std::vector<uint32_t> find_loop(const DepGraph &deps, uint32_t start, const std::vector<bool> &candidates) {
    /* depth-first, iterative (chains can be long); failed[] remembers objects with no way back */
    std::vector<uint32_t> path{start};
    std::vector<size_t> next_edge{0};
    std::vector<bool> on_path(deps.size(), false), failed(deps.size(), false);
    on_path[start] = true;
    while (!path.empty()) {
        uint32_t obj = path.back();
        DepGraph::Range out = deps.deps(obj);
        for (uint32_t k : out)
            if (k == start)
                return path;
        size_t &e = next_edge.back();
        bool descended = false;
        while (e < out.size()) {
            uint32_t k = out.begin()[e++];
            if (!candidates[k] || on_path[k] || failed[k])
                continue;
            path.push_back(k);
            next_edge.push_back(0);
            on_path[k] = true;
            descended = true;
            break;
        }
        if (!descended) {
            failed[obj] = true;
            on_path[obj] = false;
            path.pop_back();
            next_edge.pop_back();
        }
    }
    return {};
}

OrderKey order_key(std::string_view arena, const OrderRecord &r) {
    OrderKey k;
    k.priority = r.priority;
    k.schema = arena.substr(r.schema.offset, r.schema.length);
    k.name = arena.substr(r.name.offset, r.name.length);
    k.object_type = r.object_type;
    k.ties = arena.substr(r.ties.offset, r.ties.length);
    k.oid = r.oid;
    return k;
}

template <typename Records>
spill_vector<uint32_t> order_objects(std::string_view arena, const Records &items, const DepGraph &deps,
                                    int pre_boundary_priority, int post_boundary_priority,
                                    std::vector<uint32_t> *broken_at, void (*memory_probe)()) {
    const size_t n = items.size();
    const uint32_t pre = static_cast<uint32_t>(n), post = static_cast<uint32_t>(n + 1);
    if (deps.size() != n)
        throw std::logic_error("dependency graph and objects to order differ in size");
    /* the boundaries: a priority and nothing else, as pg_dump's dummy objects */
    auto key = [&](uint32_t i) {
        if (i < n)
            return order_key(arena, items[i]);
        OrderKey k;
        k.priority = i == pre ? pre_boundary_priority : post_boundary_priority;
        return k;
    };
    spill_vector<uint32_t> sorted(n + 2); /* position -> item */
    for (size_t i = 0; i < n + 2; i++)
        sorted[i] = static_cast<uint32_t>(i);
    /* stable: equal keys keep their items' order (std::stable_sort's buffer would be operator new's) */
    std::sort(sorted.begin(), sorted.end(), [&](uint32_t a, uint32_t b) {
        OrderKey ka = key(a), kb = key(b);
        return order_before(ka, kb) || (!order_before(kb, ka) && a < b);
    });
    spill_vector<uint32_t> pos(n + 2);
    for (size_t p = 0; p < n + 2; p++)
        pos[sorted[p]] = static_cast<uint32_t>(p);

    /*
     * what must come before each position (pg_dump's addBoundaryDependencies), in the order pg_dump
     * adds it; generated, not listed (a list would cost 8 bytes an edge)
     */
    DepGraph before = DepGraph::from_edges(n + 2, [&](auto emit) {
        for (size_t i = 0; i < n; i++) {
            for (uint32_t d : deps.deps(i))
                emit(pos[i], pos[d]);
            if (items[i].section == SECTION_PRE_DATA) {
                emit(pos[pre], pos[i]);
            } else if (items[i].section == SECTION_DATA) {
                emit(pos[i], pos[pre]);
                emit(pos[post], pos[i]);
            } else if (items[i].section == SECTION_POST_DATA) {
                emit(pos[i], pos[post]);
            }
        }
        emit(pos[post], pos[pre]);
    });
    if (memory_probe)
        memory_probe(); /* the sort's most: the graph and the positions */

    spill_vector<uint32_t> ordering;
    while (!topo_sort(before, &ordering)) {
        std::vector<bool> stuck(n + 2, false);
        for (uint32_t p : ordering)
            stuck[p] = true;
        std::vector<uint32_t> loop;
        for (uint32_t p : ordering)
            if (!(loop = find_loop(before, p, stuck)).empty())
                break;
        if (loop.empty()) { /* cannot happen (a stuck item is in a loop or needed by one): never spin */
            before.clear_edges(ordering[0]);
            continue;
        }
        size_t k = 0; /* repairMatViewBoundaryMultiLoop: the pre-data boundary's dependency on the next */
        while (k < loop.size() && sorted[loop[k]] != pre)
            k++;
        bool at_boundary = k < loop.size();
        if (!at_boundary)
            k = 0;
        uint32_t from = loop[k], to = loop[(k + 1) % loop.size()];
        before.remove_edge(from, to);
        if (!at_boundary)
            broken_at->push_back(sorted[from]);
    }
    spill_vector<uint32_t> order;
    order.reserve(n);
    for (uint32_t p : ordering)
        if (sorted[p] < n)
            order.push_back(sorted[p]);
    return order;
}

template spill_vector<uint32_t> order_objects(std::string_view, const std::vector<OrderRecord> &, const DepGraph &,
                                             int, int, std::vector<uint32_t> *, void (*)());
template spill_vector<uint32_t> order_objects(std::string_view, const spill_deque<OrderRecord> &, const DepGraph &,
                                             int, int, std::vector<uint32_t> *, void (*)());

std::vector<std::string> parse_text_array(const std::string &text) {
    std::vector<std::string> out;
    size_t i = 0;
    if (i < text.size() && text[i] == '{')
        i++;
    while (i < text.size() && text[i] != '}') {
        std::string item;
        if (text[i] == '"') {
            for (i++; i < text.size() && text[i] != '"'; i++) {
                if (text[i] == '\\' && i + 1 < text.size())
                    i++;
                item.push_back(text[i]);
            }
            i++; /* the closing quote */
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '}')
                item.push_back(text[i++]);
            if (item == "NULL")
                item.clear();
        }
        out.push_back(std::move(item));
        if (i < text.size() && text[i] == ',')
            i++;
    }
    return out;
}

} // namespace pd
