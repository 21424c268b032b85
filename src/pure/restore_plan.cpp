#include "restore_plan.h"

#include <algorithm>
#include <unordered_map>

#include "restore_fk_order.h"

#include "no_postgres.h"

namespace pd {
namespace {

bool is_setting(const std::string &d) {
    return d == "ENCODING" || d == "STDSTRINGS" || d == "SEARCHPATH" || d == "DATABASE" ||
           d == "DATABASE PROPERTIES";
}

/* pg_restore -t keeps only these kinds, by tag */
bool is_table_kind(const std::string &d) {
    return d == "TABLE" || d == "TABLE DATA" || d == "VIEW" || d == "FOREIGN TABLE" || d == "MATERIALIZED VIEW" ||
           d == "MATERIALIZED VIEW DATA" || d == "SEQUENCE" || d == "SEQUENCE SET";
}

bool member(const std::vector<std::string> &list, const std::string &s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

/* the comment, privileges and security label of the database go with DATABASE (pg_restore --create only) */
bool is_database_annex(const TocEntry &e) {
    return (e.desc == "COMMENT" || e.desc == "ACL" || e.desc == "SECURITY LABEL") && e.tag.compare(0, 9, "DATABASE ") == 0;
}

bool selected(const TocEntry &e, const RestoreSelection &sel) {
    if (is_setting(e.desc) || is_database_annex(e) || !entry_wanted(e, sel.output))
        return false;
    if (!sel.schemas.empty() && (!e.nspace || !member(sel.schemas, *e.nspace)))
        return false;
    if (!sel.tables.empty() && (!is_table_kind(e.desc) || !member(sel.tables, e.tag)))
        return false;
    return true;
}

RestorePhase phase_of(const TocEntry &e, bool before_data) {
    if (e.desc == "ACL" || e.desc == "DEFAULT ACL")
        return PHASE_ACL;
    /* event triggers (and their comments and labels) last, so that they do not fire during the restore */
    if (e.desc == "MATERIALIZED VIEW DATA" || e.desc == "EVENT TRIGGER" ||
        ((e.desc == "COMMENT" || e.desc == "SECURITY LABEL") && e.tag.compare(0, 14, "EVENT TRIGGER ") == 0))
        return PHASE_POST_ACL;
    if (e.section == SECTION_PRE_DATA || (e.section == SECTION_NONE && before_data))
        return PHASE_PRE;
    return PHASE_MAIN;
}

} // namespace

std::string drop_if_exists(const TocEntry &e) {
    std::string stmt = e.drop_stmt.value_or("");
    auto starts = [&](const std::string &p) { return stmt.compare(0, p.size(), p) == 0; };
    if (e.desc == "BLOB" && starts("SELECT pg_catalog.lo_unlink("))
        return "SELECT pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata WHERE oid = '" + e.tag +
               "';\n";
    std::string drop = "DROP " + e.desc + " ";
    if (starts(drop) && stmt.compare(drop.size(), 10, "IF EXISTS ") != 0)
        return drop + "IF EXISTS " + stmt.substr(drop.size());
    std::string alter = "ALTER TABLE ONLY ";
    if (starts(alter)) {
        std::string out = "ALTER TABLE IF EXISTS ONLY " + stmt.substr(alter.size());
        size_t at = out.find(" DROP CONSTRAINT ");
        if (at != std::string::npos)
            out.insert(at + 17, "IF EXISTS ");
        return out;
    }
    return stmt;
}

bool safe_data_filename(const std::string &name) {
    if (name == "blobs.toc")
        return true;
    size_t digits = name.find_first_not_of("0123456789");
    return digits > 0 && digits != std::string::npos && name.compare(digits, std::string::npos, ".dat") == 0;
}

bool safe_blob_filename(const std::string &name) {
    return name.size() > 5 && name.compare(0, 5, "blob_") == 0 && safe_data_filename(name.substr(5));
}

bool RestorePlan::wants(const TocEntry &e, RestorePhase phase) const {
    /* runs end where the data section begins */
    return selected(e, selection_) && phase_of(e, true) == phase;
}

bool RestorePlan::build(const EntrySource &entries, const std::vector<TocRun> &runs, const long long *sizes,
                        size_t nsizes, const RestoreSelection &sel, std::string *error) {
    items_.clear();
    selection_ = sel;
    size_t next_run = 0;
    /* the runs that stand before entries[position] */
    auto add_runs = [&](size_t position) {
        for (; next_run < runs.size() && static_cast<size_t>(runs[next_run].position) <= position; next_run++) {
            RestoreItem item;
            item.entry = -1;
            item.run = static_cast<int>(next_run);
            if (runs[next_run].pre_data) {
                item.phase = PHASE_PRE;
                items_.push_back(item);
            }
            if (runs[next_run].acl && !sel.output.no_privileges) {
                item.phase = PHASE_ACL;
                items_.push_back(item);
            }
        }
    };
    DumpIdMap item_of_dump_id, entry_of_dump_id;
    for (size_t i = 0; i < entries.size(); i++)
        if (!entry_of_dump_id.emplace(entries.dump_id(i), static_cast<int>(i)).second) {
            *error = "duplicate dump id " + std::to_string(entries.dump_id(i)) + " in the TOC";
            return false;
        }
    DumpIdMap().swap(entry_of_dump_id);
    /* TABLE dump id -> its TABLE DATA entry (pg_restore maps the data's first dependency) */
    DumpIdMap data_of_table;
    bool before_data = true;
    for (size_t i = 0; i < entries.size(); i++) {
        add_runs(i);
        const TocEntry e = entries.at(i);
        if (e.section == SECTION_DATA || e.section == SECTION_POST_DATA)
            before_data = false;
        if (!selected(e, sel))
            continue;
        RestoreItem item;
        item.entry = static_cast<int>(i);
        item.phase = phase_of(e, before_data);
        if (e.had_dumper) {
            if (!safe_data_filename(e.filename)) {
                *error = "invalid data file name \"" + e.filename + "\" in TOC entry " + std::to_string(e.dump_id);
                return false;
            }
            item.work = e.desc == "BLOBS" ? WORK_BLOBS : WORK_COPY;
            if (item.work == WORK_COPY && !e.copy_stmt) {
                *error = "TOC entry " + std::to_string(e.dump_id) + " has data but no COPY statement";
                return false;
            }
            item.size = i < nsizes ? sizes[i] : 0;
            if (e.desc == "TABLE DATA" && !e.deps.empty())
                data_of_table[e.deps[0]] = static_cast<int>(items_.size());
        }
        item_of_dump_id[e.dump_id] = static_cast<int>(items_.size());
        items_.push_back(item);
    }
    add_runs(entries.size());
    for (RestoreItem &item : items_) {
        if (item.run >= 0)
            continue;
        const TocEntry e = entries.at(static_cast<size_t>(item.entry));
        bool post_data = e.section == SECTION_POST_DATA;
        if (item.work == WORK_COPY && e.desc == "TABLE DATA" && !e.deps.empty()) {
            auto table = item_of_dump_id.find(e.deps[0]);
            if (table != item_of_dump_id.end() && items_[table->second].phase == PHASE_PRE &&
                items_[table->second].entry >= 0 &&
                entries.at(static_cast<size_t>(items_[table->second].entry)).desc == "TABLE")
                item.table_item = table->second;
        }
        for (int dep : e.deps) {
            auto it = item_of_dump_id.find(dep);
            if (it != item_of_dump_id.end() && items_[it->second].phase == item.phase && &items_[it->second] != &item)
                item.deps.push_back(it->second);
            /* post-data work waits for its table's rows and locks the table */
            auto data = data_of_table.find(dep);
            if (post_data && data != data_of_table.end()) {
                if (items_[data->second].phase == item.phase)
                    item.deps.push_back(data->second);
                item.size = std::max(item.size, items_[data->second].size);
                if (e.desc != "INDEX")
                    item.locks.push_back(dep);
            }
        }
        std::sort(item.deps.begin(), item.deps.end());
        item.deps.erase(std::unique(item.deps.begin(), item.deps.end()), item.deps.end());
    }
    /* data into an existing schema: its foreign keys are checked as the rows come in */
    if (sel.output.data_only)
        order_data_by_foreign_keys(entries, data_of_table, &items_);
    return true;
}

spill_vector<int> RestorePlan::phase_items(RestorePhase phase) const {
    spill_vector<int> out;
    for (size_t i = 0; i < items_.size(); i++)
        if (items_[i].phase == phase)
            out.push_back(static_cast<int>(i));
    return out;
}

bool RestorePlan::conflict(int a, int b) const {
    for (int l : items_[a].locks)
        if (std::find(items_[b].locks.begin(), items_[b].locks.end(), l) != items_[b].locks.end())
            return true;
    return false;
}

} // namespace pd
