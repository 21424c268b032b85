/* The data order of a data-only restore from the archive's foreign keys (restore_fk_order.h). */
#include "restore_fk_order.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "sql_ident.h"

#include "no_postgres.h"

namespace pd {
namespace {

std::string qualified(const TocEntry &e) { return fmt_id(e.nspace.value_or("")) + "." + fmt_id(e.tag); }

/* The table an FK CONSTRAINT's "ALTER TABLE [ONLY] name\n" names, as its dump id (0 when none). */
int constrained_table(const TocEntry &fk, const std::unordered_map<std::string, int> &table_by_name) {
    const std::string &defn = fk.defn.value_or("");
    for (const char *prefix : {"ALTER TABLE ONLY ", "ALTER TABLE "}) {
        std::string p(prefix);
        if (defn.compare(0, p.size(), p) != 0)
            continue;
        size_t end = defn.find('\n', p.size());
        if (end == std::string::npos)
            return 0;
        auto it = table_by_name.find(defn.substr(p.size(), end - p.size()));
        return it == table_by_name.end() ? 0 : it->second;
    }
    return 0;
}

/* Whether item from reaches item to along dependencies. */
bool reaches(const spill_vector<RestoreItem> &items, int from, int to) {
    std::vector<int> stack{from};
    std::unordered_set<int> seen{from};
    while (!stack.empty()) {
        int i = stack.back();
        stack.pop_back();
        if (i == to)
            return true;
        for (int d : items[i].deps)
            if (seen.insert(d).second)
                stack.push_back(d);
    }
    return false;
}

} // namespace

void order_data_by_foreign_keys(const EntrySource &entries, const DumpIdMap &data_of_table,
                                spill_vector<RestoreItem> *items) {
    /* entries are read again as wanted: what is looked up often is kept, the rest read by index */
    std::unordered_map<int, size_t> index_of; /* dump id -> entry */
    std::unordered_map<int, std::string> table_name; /* TABLE dump id -> its qualified name */
    std::unordered_map<std::string, int> table_by_name;
    for (size_t i = 0; i < entries.size(); i++) {
        const TocEntry e = entries.at(i);
        index_of.emplace(e.dump_id, i);
        if (e.desc == "TABLE") {
            table_by_name.emplace(qualified(e), e.dump_id);
            table_name.emplace(e.dump_id, qualified(e));
        }
    }
    auto is_table = [&](int id) { return table_name.count(id) != 0; };
    /* partitioned table -> its partitions: a TABLE ATTACH is tagged with its partition */
    std::unordered_map<int, std::vector<int>> partitions;
    for (size_t i = 0; i < entries.size(); i++) {
        const TocEntry e = entries.at(i);
        if (e.desc != "TABLE ATTACH")
            continue;
        int part = 0;
        for (int d : e.deps)
            if (is_table(d) && table_name[d] == qualified(e))
                part = d;
        for (int d : e.deps)
            if (part != 0 && d != part && is_table(d))
                partitions[d].push_back(part);
    }
    /* the items loading a table's rows: its own, and its partitions' */
    auto data_items = [&](int table) {
        std::vector<int> out, todo{table};
        std::unordered_set<int> seen{table};
        while (!todo.empty()) {
            int t = todo.back();
            todo.pop_back();
            auto d = data_of_table.find(t);
            if (d != data_of_table.end())
                out.push_back(d->second);
            for (int p : partitions[t])
                if (seen.insert(p).second)
                    todo.push_back(p);
        }
        return out;
    };
    for (size_t i = 0; i < entries.size(); i++) {
        const TocEntry fk = entries.at(i);
        if (fk.desc != "FK CONSTRAINT")
            continue;
        int table = constrained_table(fk, table_by_name);
        if (table == 0)
            continue;
        std::vector<int> referenced;
        for (int d : fk.deps) {
            auto it = index_of.find(d);
            if (it == index_of.end())
                continue;
            if (is_table(d))
                referenced.push_back(d);
            else /* the referenced key (CONSTRAINT, INDEX): its table */
                for (int k : entries.at(it->second).deps)
                    if (is_table(k))
                        referenced.push_back(k);
        }
        std::vector<int> from = data_items(table);
        for (int r : referenced) {
            if (r == table)
                continue;
            for (int to : data_items(r))
                for (int f : from) {
                    RestoreItem &item = (*items)[f];
                    if (f == to || item.phase != (*items)[to].phase || reaches(*items, to, f))
                        continue;
                    if (std::find(item.deps.begin(), item.deps.end(), to) == item.deps.end()) {
                        item.deps.push_back(to);
                        std::sort(item.deps.begin(), item.deps.end());
                    }
                }
        }
    }
}

} // namespace pd
