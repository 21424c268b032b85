#include "dump_plan.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <stdexcept>
#include <tuple>

#include "dump_order.h"
#include "no_postgres.h"

namespace pd {

void DumpPlan::add_object(DumpObject obj) {
    if (obj.entries.empty())
        throw std::logic_error("dump object without a TOC entry");
    if (!index_.emplace(obj.key, objects_.size()).second)
        throw std::logic_error("object \"" + obj.entries[0].desc + " " + obj.entries[0].tag +
                               "\" was read twice from the catalog");
    objects_.push_back(std::move(obj));
}

bool DumpPlan::is_dumped(ObjKey key) const {
    auto it = index_.find(resolve(key));
    return it != index_.end() && !(it->second < objects_.size() && objects_[it->second].sort_only);
}

void DumpPlan::add_trailing_entry(ObjKey key, TocEntry entry) {
    trailing_.emplace_back(key, std::move(entry));
}

void DumpPlan::add_alias(ObjKey from, ObjKey to) {
    if (from != to)
        alias_[from] = to;
}

void DumpPlan::add_dependency(ObjKey from, ObjKey to) { edges_.emplace_back(from, to); }

void DumpPlan::redirect_dependency(ObjKey from, ObjKey to, ObjKey instead) { redirects_[{from, to}] = instead; }

void DumpPlan::apply_output_options() {
    std::vector<DumpObject> kept;
    kept.reserve(objects_.size());
    for (DumpObject &o : objects_) {
        if (o.sort_only) { /* sorted whatever is written, as pg_dump sorts every object it collects */
            kept.push_back(std::move(o));
            continue;
        }
        if (!entry_wanted(o.entries[0], options_))
            continue;
        std::vector<TocEntry> entries;
        for (TocEntry &e : o.entries)
            /* privileges that need no statement have no entry (pg_dump's dumpACL) */
            if (entry_wanted(e, options_) && !(e.desc == "ACL" && e.defn && e.defn->empty())) {
                adjust_entry(&e, options_);
                entries.push_back(std::move(e));
            }
        o.entries = std::move(entries);
        kept.push_back(std::move(o));
    }
    objects_ = std::move(kept);
    index_.clear();
    for (size_t i = 0; i < objects_.size(); i++)
        index_[objects_[i].key] = i;
}

ObjKey DumpPlan::resolve(ObjKey key) const {
    /* bounded walk: aliases form short chains, a loop must not hang us */
    for (int hops = 0; hops < 16; hops++) {
        if (index_.count(key))
            return key;
        auto it = alias_.find(key);
        if (it == alias_.end())
            return key;
        key = it->second;
    }
    return key;
}

std::optional<size_t> DumpPlan::edge_target(ObjKey from, ObjKey to) const {
    ObjKey target = resolve(to);
    auto redirect = redirects_.find({resolve(from), target});
    if (redirect != redirects_.end())
        target = redirect->second;
    auto t = index_.find(target);
    if (t == index_.end())
        return std::nullopt;
    return t->second;
}

/*
 * pg_restore creates every pre-data object before any post-data one, so a
 * pre-data object that needs a post-data one (a view grouping by a primary
 * key alone needs the key) cannot stay as it is.  As pg_dump does: a view is
 * created first with its columns only and gets its query in a post-data
 * RULE entry; a materialized view or a function moves to post-data itself.
 * Repeated until nothing changes, since whatever needed a moved object needs
 * post-data now too.
 */
static constexpr uint32_t kRewriteClassId = 2618; /* pg_rewrite */

void DumpPlan::restore_after_post_data(std::vector<std::string> *notes) {
    auto section = [&](size_t i) { return objects_[i].entries[0].section; };
    const std::string create_view = "CREATE VIEW ";
    std::set<size_t> reported;
    for (bool changed = true; changed;) {
        changed = false;
        std::vector<std::set<size_t>> needs(objects_.size());
        for (const auto &[from, to] : edges_) {
            auto f = index_.find(resolve(from));
            auto t = edge_target(from, to);
            if (f != index_.end() && t && !objects_[f->second].sort_only && section(f->second) == SECTION_PRE_DATA &&
                section(*t) == SECTION_POST_DATA)
                needs[f->second].insert(*t);
        }
        std::vector<DumpObject> queries;      /* the real queries of views split this round */
        std::unordered_map<ObjKey, ObjKey> query_of; /* view -> its query object */
        for (size_t i = 0; i < needs.size(); i++) {
            if (needs[i].empty())
                continue;
            DumpObject &o = objects_[i];
            TocEntry &own = o.entries[0];
            if (own.desc == "VIEW" && !o.stand_in_defn.empty() && own.defn && own.defn->rfind(create_view, 0) == 0) {
                DumpObject query;
                query.key = make_key(PSEUDO_VIEW_QUERY, static_cast<uint32_t>(o.key));
                query.priority = PRIO_RULE;
                query.sort_schema = o.sort_schema;
                query.sort_name = "_RETURN"; /* a rule, told apart by its view (DOTypeNameCompare) */
                query.sort_ties = {o.sort_name};
                TocEntry e;
                e.tag = own.tag + " _RETURN";
                e.desc = "RULE";
                e.section = SECTION_POST_DATA;
                e.nspace = own.nspace;
                e.owner = own.owner;
                e.defn = "CREATE OR REPLACE VIEW " + own.defn->substr(create_view.size());
                /* pg_dump's entry is the view's rewrite rule, with its catalog ids: the rule folded into the view */
                for (const auto &[from, to] : alias_)
                    if (to == o.key && (from >> 32) == kRewriteClassId) {
                        e.tableoid = std::to_string(kRewriteClassId);
                        e.oid = std::to_string(static_cast<uint32_t>(from));
                    }
                query.entries.push_back(std::move(e));
                own.defn = o.stand_in_defn;
                o.stand_in_defn.clear();
                query_of[o.key] = query.key;
                queries.push_back(std::move(query));
                changed = true;
            } else if (own.desc == "MATERIALIZED VIEW" || own.desc == "FUNCTION" || own.desc == "PROCEDURE") {
                own.section = SECTION_POST_DATA;
                changed = true;
            } else if (reported.insert(i).second) {
                const TocEntry &needed = objects_[*needs[i].begin()].entries[0];
                notes->push_back(own.desc + " " + (own.nspace ? *own.nspace + "." : std::string()) + own.tag +
                                 " needs " + needed.desc + " " + needed.tag + ", which is restored after the data");
            }
        }
        if (queries.empty())
            continue;
        /*
         * what a split view's query needs moves to the query: everything its rewrite rule needs, as
         * pg_dump's repairViewRuleMultiLoop leaves the view depending on nothing of its rule's; the
         * stand-in needs only pre-data objects
         */
        for (auto &[from, to] : edges_) {
            auto query = query_of.find(resolve(from));
            if (query == query_of.end())
                continue;
            auto t = edge_target(from, to);
            if (t && (section(*t) == SECTION_POST_DATA || (from >> 32) == kRewriteClassId))
                from = query->second;
        }
        for (const auto &[view, query] : query_of)
            edges_.emplace_back(query, view);
        for (DumpObject &query : queries) {
            index_[query.key] = objects_.size();
            objects_.push_back(std::move(query));
        }
    }
}

/*
 * The entries of one object in the order pg_dump's dump functions write
 * them: its own, ALTER SEQUENCE OWNED BY (dumpSequence), comments (the
 * object's, then its columns'), security labels, comments on inline
 * constraints (dumpTableSchema), privileges (the object's, then its
 * columns').  Stable: entries of one kind keep the order they came in.
 */
static int entry_rank(const TocEntry &e) {
    if (e.desc == "SEQUENCE OWNED BY")
        return 0;
    if (e.desc == "COMMENT")
        return e.tag.rfind("CONSTRAINT ", 0) == 0 ? 3 : 1;
    if (e.desc == "SECURITY LABEL")
        return 2;
    if (e.desc == "ACL")
        return e.tag.rfind("COLUMN ", 0) == 0 ? 5 : 4;
    return 6;
}

void DumpPlan::order_entries(DumpObject *o) {
    /* an object that is only privileges has no entry of its own to keep first */
    auto first = o->entries.begin() + (o->entries[0].desc == "ACL" ? 0 : 1);
    if (o->entries.end() - first > 1)
        std::stable_sort(first, o->entries.end(),
                         [](const TocEntry &a, const TocEntry &b) { return entry_rank(a) < entry_rank(b); });
}

/*
 * Where an object that is only privileges sorts: pg_dump dumps the ACL of a
 * built-in object (pg_catalog, its functions, tables and types, language
 * plpgsql) in the place of that object, in pre-data, so that pg_restore
 * --section=pre-data keeps it.  The ACL entry's tag starts with the kind.
 */
static int privileges_only_priority(const std::string &tag) {
    if (tag.rfind("FOREIGN DATA WRAPPER ", 0) == 0)
        return PRIO_FDW;
    if (tag.rfind("FOREIGN SERVER ", 0) == 0)
        return PRIO_FOREIGN_SERVER;
    const std::string kind = tag.substr(0, tag.find(' '));
    if (kind == "SCHEMA")
        return PRIO_NAMESPACE;
    if (kind == "LANGUAGE")
        return PRIO_PROCLANG;
    if (kind == "TYPE")
        return PRIO_TYPE;
    if (kind == "FUNCTION" || kind == "PROCEDURE")
        return PRIO_FUNC;
    return PRIO_TABLE; /* TABLE, SEQUENCE, COLUMN */
}

/* The name pg_dump sorts such an object by: a column's privileges go with its table. */
static std::string privileges_only_name(const std::string &tag) {
    for (const char *kind : {"FOREIGN DATA WRAPPER ", "FOREIGN SERVER "})
        if (tag.rfind(kind, 0) == 0)
            return tag.substr(strlen(kind));
    size_t space = tag.find(' ');
    if (space == std::string::npos)
        return tag;
    std::string kind = tag.substr(0, space), name = tag.substr(space + 1);
    if (kind == "FUNCTION" || kind == "PROCEDURE")
        return name.substr(0, name.find('('));
    if (kind == "COLUMN")
        return name.substr(0, name.find('.'));
    return name;
}

/*
 * pg_dump's order (sortDumpableObjectsByTypeName, then sortDumpableObjects;
 * see dump_order.h).  Priorities are doubled to leave room for the section
 * boundaries: the pre-data one after the last pre-data kind, the post-data
 * one after the last data kind.  An object moved to post-data (a matview or
 * function that needs a post-data object) keeps its place in the name order
 * but is tied to neither boundary, as pg_dump's repair of such loops leaves it.
 */
std::vector<size_t> DumpPlan::dump_order(const std::vector<std::vector<size_t>> &deps,
                                         std::vector<std::string> *notes) const {
    std::vector<OrderItem> items(objects_.size());
    std::vector<std::string> names(objects_.size()); /* of objects that are only privileges */
    static const std::string no_schema;
    for (size_t i = 0; i < objects_.size(); i++) {
        const DumpObject &o = objects_[i];
        OrderItem &item = items[i];
        int priority = o.priority, section = o.entries[0].section;
        item.key.schema = &o.sort_schema;
        item.key.name = &o.sort_name;
        if (section == SECTION_NONE && o.entries[0].desc != "ACL") {
            section = priority <= PRIO_BLOB ? SECTION_PRE_DATA : SECTION_POST_DATA; /* only a comment */
        } else if (section == SECTION_NONE) {
            /* only privileges (on built-in objects): pre-data, among objects of their kind, as in pg_dump */
            section = SECTION_PRE_DATA;
            priority = privileges_only_priority(o.entries[0].tag);
            names[i] = privileges_only_name(o.entries[0].tag);
            item.key.name = &names[i];
            if (priority == PRIO_NAMESPACE || priority == PRIO_PROCLANG || priority == PRIO_FDW ||
                priority == PRIO_FOREIGN_SERVER)
                item.key.schema = &no_schema;
        }
        int natural = priority <= PRIO_BLOB        ? SECTION_PRE_DATA
                      : priority <= PRIO_BLOB_DATA ? SECTION_DATA
                                                   : SECTION_POST_DATA;
        item.key.priority = 2 * priority;
        item.key.object_type = object_type_of_desc(o.entries[0].desc);
        item.key.ties = &o.sort_ties;
        item.key.oid = static_cast<uint32_t>(o.key);
        item.section = section == natural ? section : SECTION_NONE;
    }
    std::vector<size_t> broken_at;
    std::vector<size_t> order =
        order_objects(items, deps, 2 * PRIO_BLOB + 1, 2 * PRIO_BLOB_DATA + 1, &broken_at);
    for (size_t i : broken_at) {
        if (objects_[i].sort_only) /* nothing is written for it */
            continue;
        const TocEntry &e = objects_[i].entries[0];
        notes->push_back("dependency loop broken at " + e.desc + " " + (e.nspace ? *e.nspace + "." : std::string()) +
                         e.tag);
    }
    return order;
}

/*
 * Privileges changed on an extension member: pg_dump dumps the member object
 * for its ACL alone, sorted as the member (a function among the functions,
 * by schema and name), so its entries become an object of their own, after
 * the extension (like privileges on built-in objects, dump_order).
 */
void DumpPlan::add_member_privileges(ObjKey member, size_t extension, TocEntry entry,
                                     std::map<ObjKey, size_t> *objects) {
    auto it = objects->find(member);
    if (it == objects->end()) {
        DumpObject o;
        o.key = make_key(PSEUDO_MEMBER_PRIVILEGES, static_cast<uint32_t>(objects->size() + 1));
        o.priority = PRIO_DEFAULT_ACL; /* unused: placed by its tag, as objects that are only privileges */
        o.sort_schema = entry.nspace.value_or("");
        index_[o.key] = objects_.size();
        it = objects->emplace(member, objects_.size()).first;
        objects_.push_back(std::move(o));
        add_dependency(objects_.back().key, objects_[extension].key);
    }
    objects_[it->second].entries.push_back(std::move(entry));
}

/*
 * The dump ids an object's own entry depends on: those of the objects it
 * depends on, through sort-only ones to what they depend on (as pg_dump's
 * BuildArchiveDependencies looks through objects it does not dump).
 */
std::vector<int> DumpPlan::written_dependencies(const std::vector<std::vector<size_t>> &deps, size_t i,
                                                const std::vector<int> &main_id) const {
    std::vector<int> ids;
    std::vector<size_t> todo(deps[i].begin(), deps[i].end());
    std::set<size_t> seen;
    while (!todo.empty()) {
        size_t d = todo.back();
        todo.pop_back();
        if (!seen.insert(d).second)
            continue;
        if (objects_[d].sort_only)
            todo.insert(todo.end(), deps[d].begin(), deps[d].end());
        else if (!objects_[d].own_entry_omitted && d != i)
            ids.push_back(main_id[d]);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void DumpPlan::finalize(std::vector<std::string> *notes) {
    /* an object that is not dumped takes its comments and privileges with it */
    std::map<ObjKey, size_t> member_privileges;
    for (auto &[key, entry] : trailing_) {
        auto it = index_.find(resolve(key));
        if (it == index_.end() || objects_[it->second].sort_only)
            continue;
        if (entry.desc == "ACL" && !index_.count(key) && objects_[it->second].entries[0].desc == "EXTENSION") {
            add_member_privileges(key, it->second, std::move(entry), &member_privileges);
            continue;
        }
        objects_[it->second].entries.push_back(std::move(entry));
    }
    trailing_.clear();
    for (DumpObject &o : objects_)
        order_entries(&o);
    apply_output_options();
    restore_after_post_data(notes);

    const size_t n = objects_.size();
    std::vector<std::vector<size_t>> deps(n);
    auto link = [&](size_t from, size_t to) {
        if (from != to && std::find(deps[from].begin(), deps[from].end(), to) == deps[from].end())
            deps[from].push_back(to);
    };
    for (const auto &[from, to] : edges_) {
        auto f = index_.find(resolve(from));
        auto t = edge_target(from, to);
        /* a sort-only view that needs a post-data object: pg_dump splits its query off, it needs nothing more */
        if (f != index_.end() && t &&
            !(objects_[f->second].sort_only && objects_[f->second].entries[0].section == SECTION_PRE_DATA &&
              objects_[*t].entries[0].section == SECTION_POST_DATA))
            link(f->second, *t);
    }
    /* a matview is refreshed after the matviews it reads from */
    std::unordered_map<size_t, size_t> refresh_of_base;
    for (size_t i = 0; i < n; i++) {
        if (objects_[i].refreshes == 0)
            continue;
        auto base = index_.find(objects_[i].refreshes);
        if (base != index_.end())
            refresh_of_base[base->second] = i;
    }
    /* ... directly or through views (a matview over a view over a matview) */
    for (const auto &[base, refresh] : refresh_of_base) {
        std::vector<size_t> todo(deps[base].begin(), deps[base].end());
        std::set<size_t> seen;
        while (!todo.empty()) {
            size_t d = todo.back();
            todo.pop_back();
            if (!seen.insert(d).second)
                continue;
            auto other = refresh_of_base.find(d);
            if (other != refresh_of_base.end()) {
                link(refresh, other->second);
                continue;
            }
            if (objects_[d].entries[0].desc != "VIEW")
                continue;
            todo.insert(todo.end(), deps[d].begin(), deps[d].end());
            auto query = index_.find(make_key(PSEUDO_VIEW_QUERY, static_cast<uint32_t>(objects_[d].key)));
            if (query != index_.end())
                todo.insert(todo.end(), deps[query->second].begin(), deps[query->second].end());
        }
    }

    order_ = dump_order(deps, notes);

    std::vector<int> main_id(n, 0);
    int next_id = 1;
    for (size_t i : order_) {
        if (objects_[i].sort_only)
            continue;
        main_id[i] = next_id;
        next_id += static_cast<int>(objects_[i].entries.size());
    }
    entries_.clear();
    for (size_t i : order_) {
        DumpObject &o = objects_[i];
        int id = main_id[i];
        for (size_t k = o.own_entry_omitted ? 1 : 0; k < o.entries.size() && !o.sort_only; k++) {
            TocEntry e = std::move(o.entries[k]); /* the object keeps no copy of its texts */
            e.dump_id = id + static_cast<int>(k);
            e.deps.clear();
            if (k > 0) {
                e.deps.push_back(id);
            } else {
                e.deps = written_dependencies(deps, i, main_id);
            }
            if (o.is_table_data && k == 0) {
                e.filename = o.data.kind == DATA_BLOBS ? "blobs.toc" : std::to_string(e.dump_id) + ".dat";
                o.data.dump_id = e.dump_id;
            }
            entries_.push_back(std::move(e));
        }
    }
    data_items_.clear();
    for (size_t i : order_)
        if (objects_[i].is_table_data)
            data_items_.push_back(objects_[i].data);
    /* what only the ordering needed (is_dumped() keeps working: it reads index_ and alias_) */
    for (const DumpObject &o : objects_)
        if (o.sort_only)
            index_.erase(o.key);
    release(objects_);
    release(edges_);
    redirects_.clear();
}

const std::string *DumpPlan::next_toc_chunk(const ArchiveHeader &header) {
    toc_chunk_.clear();
    if (toc_next_ == 0)
        serialize_toc_header(toc_chunk_, header, entries_.size());
    while (toc_next_ < entries_.size() && toc_chunk_.size() < kTocChunkBytes) {
        serialize_toc_entry(toc_chunk_, entries_[toc_next_]);
        entries_[toc_next_++] = TocEntry(); /* written: its texts are not needed any more */
    }
    if (toc_chunk_.empty()) {
        release(entries_);
        release(toc_chunk_);
        return nullptr;
    }
    return &toc_chunk_;
}

const std::string &DumpPlan::serialize(const ArchiveHeader &header) {
    toc_bytes_ = serialize_toc(header, entries_);
    return toc_bytes_;
}

int WorkScheduler::add(int64_t size, std::vector<int> deps) {
    if (started_)
        throw std::logic_error("work item added after dispatch started");
    items_.push_back(Item{size, std::move(deps)});
    remaining_++;
    return static_cast<int>(items_.size()) - 1;
}

void WorkScheduler::start() {
    started_ = true;
    dependents_.assign(items_.size(), {});
    for (size_t i = 0; i < items_.size(); i++) {
        for (int d : items_[i].deps) {
            if (d < 0 || static_cast<size_t>(d) >= items_.size() || static_cast<size_t>(d) == i)
                throw std::logic_error("work item depends on an unknown item");
            items_[i].unmet++;
            dependents_[d].push_back(static_cast<int>(i));
        }
        if (items_[i].unmet == 0)
            ready_.emplace(std::make_pair(-items_[i].size, static_cast<int>(i)), static_cast<int>(i));
    }
}

int WorkScheduler::next_ready() {
    if (!started_)
        start();
    if (ready_.empty())
        return -1;
    int id = ready_.begin()->second;
    ready_.erase(ready_.begin());
    items_[id].handed_out = true;
    return id;
}

int WorkScheduler::next_despite_dependencies() {
    if (!started_)
        start();
    int best = -1;
    for (size_t i = 0; i < items_.size(); i++)
        if (!items_[i].handed_out && (best < 0 || items_[i].size > items_[best].size))
            best = static_cast<int>(i);
    if (best >= 0) {
        for (auto it = ready_.begin(); it != ready_.end(); ++it)
            if (it->second == best) {
                ready_.erase(it);
                break;
            }
        items_[best].handed_out = true;
        items_[best].unmet = 0;
    }
    return best;
}

void WorkScheduler::done(int id) {
    if (!started_)
        start();
    if (id < 0 || static_cast<size_t>(id) >= items_.size() || !items_[id].handed_out || items_[id].done)
        throw std::logic_error("work item reported done twice or never handed out");
    items_[id].done = true;
    remaining_--;
    for (int d : dependents_[id])
        if (!items_[d].handed_out && items_[d].unmet > 0 && --items_[d].unmet == 0)
            ready_.emplace(std::make_pair(-items_[d].size, d), d);
}

} // namespace pd
