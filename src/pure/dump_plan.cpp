#include "dump_plan.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <stdexcept>
#include <tuple>

#include "dump_order.h"
#include "no_postgres.h"

namespace pd {

DumpPlan::DumpPlan(TextStore *store)
    : own_store_(store ? nullptr : new MemoryTextStore()), store_(store ? store : own_store_.get()) {}

DumpPlan::~DumpPlan() = default;

void DumpPlan::set_output_options(const OutputOptions &options) {
    if (!objects_.empty() || !trailing_.empty())
        throw std::logic_error("output options set after objects were added to the plan");
    options_ = options;
}

uint16_t DumpPlan::desc_id(const std::string &desc) {
    auto it = desc_ids_.find(desc);
    if (it != desc_ids_.end())
        return it->second;
    if (descs_.size() >= UINT16_MAX)
        throw std::length_error("too many kinds of TOC entry");
    descs_.push_back(desc);
    desc_ids_.emplace(desc, static_cast<uint16_t>(descs_.size() - 1));
    return static_cast<uint16_t>(descs_.size() - 1);
}

DumpPlan::TextRef DumpPlan::arena_text(const std::string &s) {
    if (sort_text_.size() + s.size() > UINT32_MAX)
        throw std::length_error("sort names beyond 4 GB");
    TextRef r;
    r.offset = static_cast<uint32_t>(sort_text_.size());
    r.length = static_cast<uint32_t>(s.size());
    sort_text_.append(s);
    return r;
}

static int entry_rank(const TocEntry &e);
/* entry_rank's of an object's privileges and of its columns' */
constexpr uint8_t kObjectPrivilegesRank = 4, kColumnPrivilegesRank = 5;

void DumpPlan::PlanEntry::set_stored(const StoredEntry &where) {
    if (where.offset >> 48)
        throw std::length_error("TOC entry texts beyond 256 TB");
    offset_low = static_cast<uint32_t>(where.offset);
    offset_high = static_cast<uint16_t>(where.offset >> 32);
    length = where.length;
}

DumpPlan::PlanEntry DumpPlan::make_entry(const TocEntry &e) {
    PlanEntry pe;
    pe.desc = desc_id(e.desc);
    pe.section = static_cast<int8_t>(e.section);
    pe.rank = static_cast<uint8_t>(entry_rank(e));
    pe.set_stored(store_entry(store_, e));
    return pe;
}

OrderRecord DumpPlan::sort_record(ObjKey key, int priority, TextRef schema, TextRef name, TextRef ties) const {
    OrderRecord r;
    r.schema = schema;
    r.name = name;
    r.ties = ties;
    r.oid = static_cast<uint32_t>(key);
    r.priority = static_cast<int16_t>(priority);
    return r;
}

size_t DumpPlan::push_object(const PlanObject &o, const OrderRecord &sort) {
    if (objects_.size() >= FlatIndex::kNone - 1)
        throw std::length_error("dump plan beyond 4 billion objects");
    objects_.push_back(o);
    sort_.push_back(sort);
    index_.insert(static_cast<uint32_t>(objects_.size() - 1), [this](uint32_t id) { return objects_[id].key; });
    return objects_.size() - 1;
}

void DumpPlan::rebuild_index() {
    index_.clear();
    for (size_t i = 0; i < objects_.size(); i++)
        index_.insert(static_cast<uint32_t>(i), [this](uint32_t id) { return objects_[id].key; });
}

bool DumpPlan::has_object(ObjKey key) const {
    if (finalized_)
        return std::binary_search(dumped_keys_.begin(), dumped_keys_.end(), key);
    return object_of(key) != FlatIndex::kNone;
}

bool DumpPlan::keep_entry(TocEntry &e, PlanEntry *out) {
    /* privileges that need no statement have no entry (pg_dump's dumpACL) */
    if (!entry_wanted(e, options_) || (e.desc == "ACL" && e.defn && e.defn->empty()))
        return false;
    adjust_entry(&e, options_);
    *out = make_entry(e);
    return true;
}

template <typename Edit> void DumpPlan::rewrite(PlanEntry *e, Edit edit) {
    TocEntry full = load(*e);
    edit(full);
    *e = make_entry(full);
}

std::string DumpPlan::describe(const PlanEntry &pe) const {
    TocEntry e = load(pe);
    return e.desc + " " + (e.nspace ? *e.nspace + "." : std::string()) + e.tag;
}

void DumpPlan::add_object(DumpObject obj) {
    if (obj.entries.empty())
        throw std::logic_error("dump object without a TOC entry");
    if (finalized_)
        throw std::logic_error("object added to a finalized dump plan");
    if (object_of(obj.key) != FlatIndex::kNone)
        throw std::logic_error("object \"" + obj.entries[0].desc + " " + obj.entries[0].tag +
                               "\" was read twice from the catalog");
    PlanObject o;
    o.key = obj.key;
    o.own_entry_omitted = obj.own_entry_omitted;
    if (view(last_schema_) != obj.sort_schema)
        last_schema_ = arena_text(obj.sort_schema);
    OrderRecord sort = sort_record(obj.key, obj.priority, last_schema_, arena_text(obj.sort_name));
    if (!obj.sort_ties.empty())
        sort.ties = arena_text(pack_ties(obj.sort_ties));
    /* the options leave the object out with its own entry (it still answers is_dumped until finalize) */
    o.sort_only = obj.sort_only;
    o.unwanted = !obj.sort_only && !entry_wanted(obj.entries[0], options_);
    o.first = static_cast<uint32_t>(entries_flat_.size());
    if (o.sort_only) {
        /* kept as read, whatever the options: only its place in the sort matters */
        for (const TocEntry &e : obj.entries)
            entries_flat_.push_back(make_entry(e));
    } else if (!o.unwanted) {
        for (TocEntry &e : obj.entries) {
            PlanEntry pe;
            if (keep_entry(e, &pe))
                entries_flat_.push_back(pe);
        }
    }
    o.count = static_cast<uint32_t>(entries_flat_.size() - o.first);
    if (obj.is_table_data) {
        o.data = static_cast<int32_t>(data_.size());
        data_.push_back(std::move(obj.data));
    }
    if (obj.refreshes != 0)
        refreshes_[obj.key] = obj.refreshes;
    if (!obj.stand_in_defn.empty())
        stand_in_[obj.key] = std::move(obj.stand_in_defn);
    push_object(o, sort);
}

void DumpPlan::add_large_object(DumpObject obj) {
    if (obj.entries.empty())
        throw std::logic_error("large object without a TOC entry");
    if (finalized_)
        throw std::logic_error("large object added to a finalized dump plan");
    LargeObjects &lo = large_objects_;
    /* the options leave the object out with its own entry */
    if (!entry_wanted(obj.entries[0], options_))
        return;
    if (lo.objects > 0 && !(lo.last_name < obj.sort_name))
        throw std::logic_error("large object " + obj.sort_name + " read after " + lo.last_name +
                               ": large objects must come in pg_dump's order");
    if (lo.entries > 0 && store_->size() != lo.end)
        throw std::logic_error("an entry was stored between two large objects");
    /* its own entry first, the others in the order pg_dump writes them (order_entries) */
    std::stable_sort(obj.entries.begin() + 1, obj.entries.end(),
                     [](const TocEntry &a, const TocEntry &b) { return entry_rank(a) < entry_rank(b); });
    for (TocEntry &e : obj.entries) {
        PlanEntry pe;
        if (!keep_entry(e, &pe))
            continue;
        if (lo.entries == 0) {
            /* the object all of them sort as: the first one's own entry, its name */
            lo.begin = pe.stored().offset;
            PlanObject o;
            o.key = make_key(PSEUDO_LARGE_OBJECTS, 0);
            o.large_objects = true;
            o.first = static_cast<uint32_t>(entries_flat_.size());
            o.count = 1;
            entries_flat_.push_back(pe);
            push_object(o, sort_record(o.key, obj.priority, TextRef(), arena_text(obj.sort_name)));
        }
        lo.entries++;
    }
    lo.end = store_->size();
    lo.objects++;
    lo.last_name = std::move(obj.sort_name);
}

bool DumpPlan::is_dumped(ObjKey key) const {
    if (finalized_)
        return has_object(resolve(key));
    uint32_t id = object_of(resolve(key));
    return id != FlatIndex::kNone && !objects_[id].sort_only;
}

void DumpPlan::add_trailing_entry(ObjKey key, TocEntry entry) {
    PlanEntry pe;
    if (keep_entry(entry, &pe))
        trailing_.emplace_back(key, pe);
}

void DumpPlan::add_alias(ObjKey from, ObjKey to) {
    if (from == to)
        return;
    auto from_of = [this](uint32_t id) { return aliases_[id].first; };
    uint32_t id = alias_index_.find(from, from_of);
    if (id != FlatIndex::kNone) {
        aliases_[id].second = to;
        return;
    }
    if (aliases_.size() >= FlatIndex::kNone - 1)
        throw std::length_error("dump plan beyond 4 billion aliases");
    aliases_.emplace_back(from, to);
    alias_index_.insert(static_cast<uint32_t>(aliases_.size() - 1), from_of);
}

void DumpPlan::add_dependency(ObjKey from, ObjKey to) { edges_.emplace_back(from, to); }

void DumpPlan::add_order_dependency(ObjKey from, ObjKey to) {
    edges_.emplace_back(from, to);
    order_only_.emplace(from, to);
}

void DumpPlan::redirect_dependency(ObjKey from, ObjKey to, ObjKey instead) { redirects_[{from, to}] = instead; }

/* Drops the objects the options leave out (their entries were filtered as they came). */
void DumpPlan::apply_output_options() {
    size_t kept = 0;
    for (size_t i = 0; i < objects_.size(); i++)
        /* a sort-only object stays whatever is written, as pg_dump sorts every object it collects */
        if (objects_[i].sort_only || (!objects_[i].unwanted && objects_[i].count > 0)) {
            if (kept != i) {
                objects_[kept] = objects_[i];
                sort_[kept] = sort_[i];
            }
            kept++;
        }
    objects_.resize(kept);
    sort_.resize(kept);
    rebuild_index();
}

ObjKey DumpPlan::resolve(ObjKey key) const {
    /* bounded walk: aliases form short chains, a loop must not hang us */
    for (int hops = 0; hops < 16; hops++) {
        if (has_object(key))
            return key;
        uint32_t id = alias_index_.find(key, [this](uint32_t a) { return aliases_[a].first; });
        if (id == FlatIndex::kNone)
            return key;
        key = aliases_[id].second;
    }
    return key;
}

std::optional<size_t> DumpPlan::edge_target(ObjKey from, ObjKey to) const {
    ObjKey target = resolve(to);
    auto redirect = redirects_.find({resolve(from), target});
    if (redirect != redirects_.end())
        target = redirect->second;
    uint32_t t = object_of(target);
    if (t == FlatIndex::kNone)
        return std::nullopt;
    return t;
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
static constexpr uint32_t kRelationClassId = 1259; /* pg_class */
static constexpr uint32_t kConstraintClassId = 2606; /* pg_constraint */

void DumpPlan::restore_after_post_data(std::vector<std::string> *notes) {
    auto section = [&](size_t i) { return own(i).section; };
    const std::string create_view = "CREATE VIEW ";
    std::set<size_t> reported;
    for (bool changed = true; changed;) {
        changed = false;
        std::map<size_t, std::set<size_t>> needs; /* the few pre-data objects that need post-data ones */
        for (const auto &[from, to] : edges_) {
            uint32_t f = object_of(resolve(from));
            auto t = edge_target(from, to);
            if (f != FlatIndex::kNone && t && !objects_[f].sort_only && section(f) == SECTION_PRE_DATA &&
                section(*t) == SECTION_POST_DATA)
                needs[f].insert(*t);
        }
        std::vector<std::pair<PlanObject, OrderRecord>> queries; /* the real queries of views split this round */
        std::unordered_map<ObjKey, ObjKey> query_of; /* view -> its query object */
        for (const auto &[i, needed] : needs) {
            PlanObject &o = objects_[i];
            PlanEntry &own = entries_flat_[o.first];
            const std::string desc = desc_of(own);
            auto stand_in = stand_in_.find(o.key);
            TocEntry view_entry;
            bool split = false;
            if (desc == "VIEW" && stand_in != stand_in_.end() && !stand_in->second.empty()) {
                view_entry = load(own);
                split = view_entry.defn && view_entry.defn->rfind(create_view, 0) == 0;
            }
            if (split) {
                PlanObject query;
                query.key = make_key(PSEUDO_VIEW_QUERY, static_cast<uint32_t>(o.key));
                std::string view_name(view(sort_[i].name));
                /* a rule, told apart by its view (DOTypeNameCompare) */
                OrderRecord query_sort = sort_record(query.key, PRIO_RULE, sort_[i].schema, arena_text("_RETURN"));
                query_sort.ties = arena_text(pack_ties({view_name}));
                TocEntry e;
                e.tag = view_entry.tag + " _RETURN";
                e.desc = "RULE";
                e.section = SECTION_POST_DATA;
                e.nspace = view_entry.nspace;
                e.owner = view_entry.owner;
                e.defn = "CREATE OR REPLACE VIEW " + view_entry.defn->substr(create_view.size());
                /* pg_dump's entry is the view's rewrite rule, with its catalog ids: the rule folded into the view */
                for (const auto &[from, to] : aliases_)
                    if (to == o.key && (from >> 32) == kRewriteClassId) {
                        e.tableoid = std::to_string(kRewriteClassId);
                        e.oid = std::to_string(static_cast<uint32_t>(from));
                    }
                query.first = static_cast<uint32_t>(entries_flat_.size());
                query.count = 1;
                entries_flat_.push_back(make_entry(e));
                view_entry.defn = stand_in->second;
                own = make_entry(view_entry);
                stand_in_.erase(stand_in);
                query_of[o.key] = query.key;
                queries.emplace_back(query, query_sort);
                changed = true;
            } else if (desc == "MATERIALIZED VIEW" || desc == "FUNCTION" || desc == "PROCEDURE") {
                rewrite(&own, [](TocEntry &e) { e.section = SECTION_POST_DATA; });
                changed = true;
            } else if (reported.insert(i).second) {
                TocEntry other = load(this->own(*needed.begin()));
                notes->push_back(describe(own) + " needs " + other.desc + " " + other.tag +
                                 ", which is restored after the data");
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
        for (const auto &[query, query_sort] : queries)
            push_object(query, query_sort);
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
        return e.tag.rfind("COLUMN ", 0) == 0 ? kColumnPrivilegesRank : kObjectPrivilegesRank;
    return 6;
}

void DumpPlan::order_entries(const PlanObject &o) {
    /* an object that is only privileges has no entry of its own to keep first */
    auto all = entries_flat_.begin() + o.first, end = all + o.count;
    auto first = all + (desc_of(*all) == "ACL" ? 0 : 1);
    if (end - first > 1)
        std::stable_sort(first, end, [](const PlanEntry &a, const PlanEntry &b) { return a.rank < b.rank; });
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
spill_vector<uint32_t> DumpPlan::dump_order(const DepGraph &deps, std::vector<std::string> *notes) {
    spill_deque<OrderRecord> &items = sort_; /* completed in place: nothing needs them as they were */
    std::vector<uint8_t> object_types(descs_.size());
    for (size_t d = 0; d < descs_.size(); d++)
        object_types[d] = static_cast<uint8_t>(object_type_of_desc(descs_[d]));
    for (size_t i = 0; i < objects_.size(); i++) {
        const PlanObject &o = objects_[i];
        const PlanEntry &own = entries_flat_[o.first];
        OrderRecord &item = items[i];
        int priority = item.priority, section = own.section;
        if (section == SECTION_NONE && desc_of(own) != "ACL") {
            section = priority <= PRIO_BLOB ? SECTION_PRE_DATA : SECTION_POST_DATA; /* only a comment */
        } else if (section == SECTION_NONE) {
            /* only privileges (on built-in objects): pre-data, among objects of their kind, as in pg_dump */
            const std::string tag = load(own).tag;
            section = SECTION_PRE_DATA;
            priority = privileges_only_priority(tag);
            item.name = arena_text(privileges_only_name(tag));
            if (priority == PRIO_NAMESPACE || priority == PRIO_PROCLANG || priority == PRIO_FDW ||
                priority == PRIO_FOREIGN_SERVER)
                item.schema = TextRef();
        }
        int natural = priority <= PRIO_BLOB        ? SECTION_PRE_DATA
                      : priority <= PRIO_BLOB_DATA ? SECTION_DATA
                                                   : SECTION_POST_DATA;
        item.priority = static_cast<int16_t>(2 * priority);
        item.object_type = object_types[own.desc];
        item.section = static_cast<int8_t>(section == natural ? section : SECTION_NONE);
    }
    std::vector<uint32_t> broken_at;
    spill_vector<uint32_t> order =
        order_objects(sort_text_, items, deps, 2 * PRIO_BLOB + 1, 2 * PRIO_BLOB_DATA + 1, &broken_at, memory_probe_);
    for (uint32_t i : broken_at)
        if (!objects_[i].sort_only) /* nothing is written for it */
            notes->push_back("dependency loop broken at " + describe(own(i)));
    return order;
}

/*
 * Privileges changed on an extension member: pg_dump dumps the member object
 * for its ACL alone, sorted as the member (a function among the functions,
 * by schema and name), so its entries become an object of their own, after
 * the extension (like privileges on built-in objects, dump_order).
 */
size_t DumpPlan::member_privileges_object(ObjKey member, size_t extension, const PlanEntry &entry,
                                          std::map<ObjKey, size_t> *objects) {
    auto it = objects->find(member);
    if (it == objects->end()) {
        PlanObject o;
        o.key = make_key(PSEUDO_MEMBER_PRIVILEGES, static_cast<uint32_t>(objects->size() + 1));
        /* the priority is unused: placed by its tag, as objects that are only privileges */
        OrderRecord sort =
            sort_record(o.key, PRIO_DEFAULT_ACL, arena_text(load(entry).nspace.value_or("")), TextRef());
        it = objects->emplace(member, push_object(o, sort)).first;
        add_dependency(o.key, objects_[extension].key);
    }
    return it->second;
}

/*
 * Each object's entries after the trailing ones are placed (comments,
 * privileges): in one array again, an object's own entries followed by
 * its trailing ones in the order they came.
 */
void DumpPlan::place_trailing_entries() {
    constexpr uint32_t kNowhere = UINT32_MAX;
    spill_vector<uint32_t> owner(trailing_.size(), kNowhere); /* the object each trailing entry goes to */
    std::map<ObjKey, size_t> member_privileges;
    for (size_t k = 0; k < trailing_.size(); k++) {
        const auto &[key, entry] = trailing_[k];
        uint32_t at = object_of(resolve(key));
        /* an object that is not dumped takes its comments and privileges with it */
        if (at == FlatIndex::kNone || objects_[at].unwanted || objects_[at].sort_only)
            continue;
        const PlanObject &o = objects_[at];
        if (desc_of(entry) == "ACL" && !has_object(key) && o.count > 0 && desc_of(own(at)) == "EXTENSION")
            owner[k] = static_cast<uint32_t>(member_privileges_object(key, at, entry, &member_privileges));
        else
            owner[k] = at;
    }
    /* the trailing entries grouped by object, in their order (a counting sort) */
    spill_vector<uint32_t> begin(objects_.size() + 1, 0);
    for (uint32_t o : owner)
        if (o != kNowhere)
            begin[o + 1]++;
    for (size_t i = 0; i < objects_.size(); i++)
        begin[i + 1] += begin[i];
    spill_vector<uint32_t> grouped(begin.back());
    {
        spill_vector<uint32_t> fill(begin.begin(), begin.end() - 1);
        for (size_t k = 0; k < owner.size(); k++)
            if (owner[k] != kNowhere)
                grouped[fill[owner[k]]++] = static_cast<uint32_t>(k);
    }
    release(owner);
    spill_deque<PlanEntry> placed;
    for (size_t i = 0; i < objects_.size(); i++) {
        PlanObject &o = objects_[i];
        uint32_t first = static_cast<uint32_t>(placed.size());
        placed.insert(placed.end(), entries_flat_.begin() + o.first, entries_flat_.begin() + o.first + o.count);
        for (uint32_t g = begin[i]; g < begin[i + 1]; g++)
            placed.push_back(trailing_[grouped[g]].second);
        o.first = first;
        o.count = static_cast<uint32_t>(placed.size() - first);
    }
    entries_flat_.swap(placed);
    release(trailing_);
}

/*
 * The dump ids an object's own entry depends on: those of the objects it
 * depends on, through sort-only ones to what they depend on (as pg_dump's
 * BuildArchiveDependencies looks through objects it does not dump).
 */
std::vector<int> DumpPlan::written_dependencies(const DepGraph &deps, size_t i, const spill_vector<int> &main_id) const {
    std::vector<int> ids;
    walk_dependencies(deps, deps.deps(i), [&](uint32_t d, auto push) {
        if (!order_only_.empty() && order_only_.count({objects_[i].key, objects_[d].key}))
            return;
        if (objects_[d].sort_only)
            push(deps.deps(d));
        else if (!objects_[d].own_entry_omitted && d != i)
            ids.push_back(main_id[d]);
    });
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

/*
 * What a constraint's index needs (an extension's operator class) orders the
 * constraint, the index being folded into it, but is not listed among the
 * constraint's dependencies unless the constraint needs it itself: pg_dump's
 * constraint entry lists what the constraint depends on, and its index's
 * dependencies stay with the index, which it does not dump.
 */
void DumpPlan::index_dependencies_order_only() {
    using Pair = std::pair<uint32_t, uint32_t>;
    std::vector<Pair> via_index, direct;
    auto pair_of = [this](ObjKey from, ObjKey to) -> std::optional<Pair> {
        uint32_t f = object_of(resolve(from));
        auto t = edge_target(from, to);
        if (f == FlatIndex::kNone || !t || *t == f)
            return std::nullopt;
        return Pair(f, static_cast<uint32_t>(*t));
    };
    auto from_index = [this](ObjKey from) {
        return (from >> 32) == kRelationClassId && (resolve(from) >> 32) == kConstraintClassId;
    };
    for (const auto &[from, to] : edges_)
        if (from_index(from))
            if (auto p = pair_of(from, to))
                via_index.push_back(*p);
    if (via_index.empty())
        return;
    std::sort(via_index.begin(), via_index.end());
    via_index.erase(std::unique(via_index.begin(), via_index.end()), via_index.end());
    for (const auto &[from, to] : edges_)
        if (!from_index(from))
            if (auto p = pair_of(from, to))
                if (std::binary_search(via_index.begin(), via_index.end(), *p))
                    direct.push_back(*p);
    std::sort(direct.begin(), direct.end());
    for (const Pair &p : via_index)
        if (!std::binary_search(direct.begin(), direct.end(), p))
            order_only_.emplace(objects_[p.first].key, objects_[p.second].key);
}

/*
 * What each object must follow, in one flat graph: the catalog's edges
 * (aliases and redirects applied; edges_ is freed), and a matview's refresh
 * after the refreshes of the matviews it reads from, directly or through
 * views (a matview over a view over a matview).
 */
DepGraph DumpPlan::dependency_graph() {
    index_dependencies_order_only();
    /* generated twice from edges_ (to count, then to fill) rather than listed: no 8 bytes an edge more */
    DepGraph deps = DepGraph::from_edges(objects_.size(), [this](auto emit) {
        for (const auto &[from, to] : edges_) {
            uint32_t f = object_of(resolve(from));
            auto t = edge_target(from, to);
            /* a sort-only view that needs a post-data object: pg_dump splits its query off, it needs nothing more */
            if (f != FlatIndex::kNone && t &&
                !(objects_[f].sort_only && own(f).section == SECTION_PRE_DATA && own(*t).section == SECTION_POST_DATA))
                emit(f, static_cast<uint32_t>(*t));
        }
    });
    if (memory_probe_)
        memory_probe_();
    release(edges_);
    std::unordered_map<size_t, size_t> refresh_of_base;
    for (const auto &[refresh, base] : refreshes_) {
        uint32_t r = object_of(refresh);
        uint32_t b = object_of(base);
        if (r != FlatIndex::kNone && b != FlatIndex::kNone)
            refresh_of_base[b] = r;
    }
    std::vector<DepGraph::Edge> refresh_after;
    for (const auto &[base, refresh] : refresh_of_base)
        walk_dependencies(deps, deps.deps(base), [&, refresh = refresh](uint32_t d, auto push) {
            auto other = refresh_of_base.find(d);
            if (other != refresh_of_base.end()) {
                refresh_after.emplace_back(static_cast<uint32_t>(refresh), static_cast<uint32_t>(other->second));
                return;
            }
            if (desc_of(own(d)) != "VIEW")
                return;
            push(deps.deps(d));
            uint32_t query = object_of(make_key(PSEUDO_VIEW_QUERY, static_cast<uint32_t>(objects_[d].key)));
            if (query != FlatIndex::kNone)
                push(deps.deps(query));
        });
    return refresh_after.empty() ? deps : deps.with_edges(refresh_after);
}

/*
 * The relation object a TABLE DATA or SEQUENCE SET object is the data of,
 * when the archive has its entry (not with -a), else FlatIndex::kNone.
 */
uint32_t DumpPlan::data_relation(const PlanObject &o) const {
    uint32_t rel = object_of(make_key(kRelationClassId, static_cast<uint32_t>(o.key)));
    return rel != FlatIndex::kNone && !objects_[rel].sort_only ? rel : FlatIndex::kNone;
}

/*
 * Whether an object's entries depend on a dump id no entry has, as pg_dump's
 * do when they name an object it does not dump: the privileges on a built-in
 * object or an extension member (an object that is only privileges), and a
 * data-only archive's TABLE DATA and SEQUENCE SET entries (their table or
 * sequence).  That id (the stand-in) is given out just ahead of the
 * object's own, so that it is within the archive's range of dump ids, as
 * pg_restore wants a table data's table id to be.
 */
bool DumpPlan::needs_stand_in(const PlanObject &o) const {
    if (o.count == 0 || o.own_entry_omitted || o.large_objects || o.sort_only)
        return false;
    const std::string &desc = desc_of(entries_flat_[o.first]);
    if (desc == "ACL")
        return true;
    return (desc == "TABLE DATA" || desc == "SEQUENCE SET") && data_relation(o) == FlatIndex::kNone;
}

/*
 * What entry k of object i (dump ids from first_id) depends on, as pg_dump
 * records it:
 * - the object's own entry: what the object depends on (written_dependencies),
 *   but nothing for a user mapping (dumpUserMappings gives none) or the
 *   database's properties (dumpDatabase passes its dependency without a
 *   count); a table's or a sequence's data its table or sequence alone
 *   (dumpTableData, dumpSequenceData); a materialized view's data also
 *   pg_dump's post-data boundary (refreshMatViewData writes its raw
 *   dependencies);
 * - the others (comments, labels, privileges): the object's own entry; a
 *   column's privileges also the table's privileges entry, when there is one
 *   (dumpTable's tableAclDumpId).
 * The object pg_dump does not dump is the stand-in id (needs_stand_in), when
 * not zero.
 */
void DumpPlan::entry_dependencies(const DepGraph &deps, size_t i, size_t k, int first_id, int stand_in,
                                  const spill_vector<int> &main_id) {
    const PlanObject &o = objects_[i];
    const PlanEntry &e = entries_flat_[o.first + k];
    const std::string &desc = desc_of(e);
    if (desc == "TABLE DATA" || desc == "SEQUENCE SET") {
        uint32_t rel = data_relation(o);
        deps_.push_back(rel != FlatIndex::kNone ? main_id[rel] : stand_in);
        return;
    }
    if (k == 0 && stand_in == 0) {
        if (desc == "USER MAPPING" || desc == "DATABASE PROPERTIES")
            return;
        for (int d : written_dependencies(deps, i, main_id))
            deps_.push_back(d);
        if (desc == "MATERIALIZED VIEW DATA")
            deps_.push_back(post_data_boundary_);
        return;
    }
    deps_.push_back(stand_in != 0 ? stand_in : first_id);
    if (e.rank != kColumnPrivilegesRank || desc != "ACL")
        return;
    for (size_t j = 0; j < o.count; j++) {
        const PlanEntry &t = entries_flat_[o.first + j];
        if (t.rank == kObjectPrivilegesRank && desc_of(t) == "ACL") {
            deps_.push_back(first_id + static_cast<int>(j));
            return;
        }
    }
}

void DumpPlan::finalize(std::vector<std::string> *notes) {
    place_trailing_entries();
    for (const PlanObject &o : objects_)
        if (o.count > 0)
            order_entries(o);
    apply_output_options();
    restore_after_post_data(notes);

    const size_t n = objects_.size();
    const DepGraph deps = dependency_graph();
    const spill_vector<uint32_t> order = dump_order(deps, notes);
    /* what only the sort needed */
    release(sort_);
    release(sort_text_);

    /*
     * Each object's dump ids, one per entry (main_id: the first's), after its
     * stand-in's (needs_stand_in); and, ahead of the first materialized
     * view's data, pg_dump's post-data boundary's, which no entry has either.
     */
    spill_vector<int> main_id(n, 0);
    int next_id = 1;
    post_data_boundary_ = 0;
    for (size_t i : order) {
        const PlanObject &o = objects_[i];
        if (o.sort_only)
            continue;
        if (post_data_boundary_ == 0 && o.count > 0 && desc_of(own(i)) == "MATERIALIZED VIEW DATA")
            post_data_boundary_ = next_id++;
        if (needs_stand_in(o))
            next_id++;
        main_id[i] = next_id;
        uint64_t ids = o.large_objects ? large_objects_.entries : o.count;
        if (ids > static_cast<uint64_t>(INT32_MAX - 2 - next_id))
            throw std::length_error("dump ids beyond 2 billion");
        next_id += static_cast<int>(ids);
    }
    final_.clear();
    deps_.clear();
    entry_total_ = 0;
    for (size_t i : order) {
        const PlanObject &o = objects_[i];
        const int id = main_id[i];
        const int stand_in = needs_stand_in(o) ? id - 1 : 0;
        for (size_t k = o.own_entry_omitted ? 1 : 0; k < o.count && !o.sort_only; k++) {
            FinalEntry f;
            const StoredEntry where = entries_flat_[o.first + k].stored();
            f.offset = where.offset;
            f.length = where.length;
            f.dump_id = id + static_cast<int>(k);
            f.deps_begin = static_cast<uint32_t>(deps_.size());
            entry_dependencies(deps, i, k, id, stand_in, main_id);
            if (o.large_objects)
                f.file = kLargeObjectsMark;
            if (o.data >= 0 && k == 0) {
                f.file = data_[o.data].kind == DATA_BLOBS ? 2 : 1;
                data_[o.data].dump_id = f.dump_id;
            }
            final_.push_back(f);
            entry_total_ += o.large_objects ? large_objects_.entries : 1;
        }
    }
    if (memory_probe_)
        memory_probe_();
    data_items_.clear();
    for (size_t i : order)
        if (objects_[i].data >= 0)
            data_items_.push_back(std::move(data_[objects_[i].data]));
    /* what only the ordering needed (is_dumped() keeps working: it reads dumped_keys_ and the aliases) */
    dumped_keys_.reserve(objects_.size());
    for (const PlanObject &o : objects_)
        if (!o.sort_only)
            dumped_keys_.push_back(o.key);
    std::sort(dumped_keys_.begin(), dumped_keys_.end());
    index_.clear();
    finalized_ = true;
    release(objects_);
    release(entries_flat_);
    release(data_);
    release(redirects_);
    release(stand_in_);
    release(refreshes_);
}

std::vector<int> DumpPlan::final_deps(size_t k) const {
    size_t end = k + 1 < final_.size() ? final_[k + 1].deps_begin : deps_.size();
    return std::vector<int>(deps_.begin() + final_[k].deps_begin, deps_.begin() + end);
}

void DumpPlan::open_large_objects(size_t k, LargeObjectCursor *c) const {
    const LargeObjects &lo = large_objects_;
    c->reader.reset(new StoredRunReader(store_, lo.begin, lo.end, lo.entries));
    c->next_id = final_[k].dump_id;
    c->blob_id = 0;
    c->deps = final_deps(k);
}

bool DumpPlan::next_large_object_entry(LargeObjectCursor *c, TocEntry *e) const {
    if (!c->reader)
        return false;
    if (!c->reader->next(e)) {
        c->reader.reset();
        return false;
    }
    e->dump_id = c->next_id++;
    /* as an object's entries: its own depends on what the object does, the others on it */
    if (e->desc == "BLOB") {
        c->blob_id = e->dump_id;
        e->deps = c->deps;
    } else if (c->blob_id == 0) {
        throw std::runtime_error("the large objects' entries do not begin with a BLOB entry");
    } else {
        e->deps.assign(1, c->blob_id);
    }
    return true;
}

TocEntry DumpPlan::final_entry(size_t k) const {
    const FinalEntry &f = final_[k];
    StoredEntry where;
    where.offset = f.offset;
    where.length = f.length;
    TocEntry e = load_entry(store_, where);
    e.dump_id = f.dump_id;
    e.deps = final_deps(k);
    if (f.file == 1)
        e.filename = std::to_string(f.dump_id) + ".dat";
    else if (f.file == 2)
        e.filename = "blobs.toc";
    return e;
}

const std::vector<TocEntry> &DumpPlan::entries() const {
    if (entries_.size() != entry_total_) {
        entries_.clear();
        entries_.reserve(entry_total_);
        for (size_t k = 0; k < final_.size(); k++) {
            if (final_[k].file != kLargeObjectsMark) {
                entries_.push_back(final_entry(k));
                continue;
            }
            LargeObjectCursor c;
            open_large_objects(k, &c);
            TocEntry e;
            while (next_large_object_entry(&c, &e))
                entries_.push_back(std::move(e));
        }
    }
    return entries_;
}

const std::string *DumpPlan::next_toc_chunk(const ArchiveHeader &header) {
    toc_chunk_.clear();
    if (!toc_started_) {
        serialize_toc_header(toc_chunk_, header, entry_total_);
        toc_started_ = true;
    }
    while (toc_chunk_.size() < kTocChunkBytes) {
        TocEntry e;
        if (next_large_object_entry(&toc_large_objects_, &e)) {
            serialize_toc_entry(toc_chunk_, e);
            continue;
        }
        if (toc_next_ >= final_.size())
            break;
        size_t k = toc_next_++;
        if (final_[k].file == kLargeObjectsMark)
            open_large_objects(k, &toc_large_objects_);
        else
            serialize_toc_entry(toc_chunk_, final_entry(k));
    }
    if (toc_chunk_.empty()) {
        release(toc_chunk_);
        return nullptr;
    }
    return &toc_chunk_;
}

const std::string &DumpPlan::serialize(const ArchiveHeader &header) {
    toc_bytes_ = serialize_toc(header, entries());
    return toc_bytes_;
}

int WorkScheduler::add(int64_t size, std::vector<int> deps) {
    if (started_)
        throw std::logic_error("work item added after dispatch started");
    items_.push_back(Item{size, spill_vector<int>(deps.begin(), deps.end())});
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
