/*
 * What a dump will write, before it is written: the objects read from the
 * catalog, the dependencies between them, and the order of toc.dat.
 *
 * Objects are keyed like pg_depend rows ((classid, objid)); synthetic objects
 * (table data, sequence values, ...) use small pseudo class ids.  Aliases fold
 * sub-objects into the object that carries them (a view's rewrite rule into
 * the view, an array type into its element type, an extension member into
 * its extension), so that raw pg_depend edges can be fed in unchanged.
 */
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dep_graph.h"
#include "dump_options.h"
#include "dump_order.h"
#include "flat_index.h"
#include "spill_heap.h"
#include "stored_run.h"
#include "text_store.h"
#include "toc_archive.h"

namespace pd {

using ObjKey = uint64_t;
constexpr ObjKey make_key(uint32_t classid, uint32_t objid) {
    return (static_cast<ObjKey>(classid) << 32) | objid;
}

/* Pseudo class ids for objects that have no catalog row of their own. */
enum PseudoClass : uint32_t {
    PSEUDO_SPECIAL = 1,
    PSEUDO_TABLE_DATA = 2,
    PSEUDO_SEQUENCE_SET = 3,
    PSEUDO_MATVIEW_DATA = 4,
    PSEUDO_OWNED_BY = 5,
    PSEUDO_INDEX_ATTACH = 6,
    PSEUDO_TABLE_ATTACH = 7,
    PSEUDO_ROW_SECURITY = 8,
    PSEUDO_BLOBS = 9,
    PSEUDO_SHELL_TYPE = 10,
    PSEUDO_VIEW_QUERY = 11, /* a view's real query, when it must wait for post-data objects */
    PSEUDO_DATABASE_PROPERTIES = 12,
    PSEUDO_INDEX_COMMENT = 13, /* the comment on the index of a constraint, sorted as the index */
    PSEUDO_MEMBER_PRIVILEGES = 14, /* privileges on an extension member, sorted as the member */
    PSEUDO_LARGE_OBJECTS = 15,     /* every large object's entries, sorted as one object (add_large_object) */
};

/* pg_dump_sort.c's priorities, lowest first. */
enum DumpPriority {
    PRIO_SPECIAL = 0,
    PRIO_NAMESPACE,
    PRIO_PROCLANG,
    PRIO_COLLATION,
    PRIO_TRANSFORM,
    PRIO_EXTENSION,
    PRIO_TYPE,
    PRIO_CAST,
    PRIO_FUNC,
    PRIO_AGG,
    PRIO_ACCESS_METHOD,
    PRIO_OPERATOR,
    PRIO_OPFAMILY,
    PRIO_CONVERSION,
    PRIO_TSPARSER,
    PRIO_TSTEMPLATE,
    PRIO_TSDICT,
    PRIO_TSCONFIG,
    PRIO_FDW,
    PRIO_FOREIGN_SERVER,
    PRIO_TABLE,
    PRIO_TABLE_ATTACH,
    PRIO_DUMMY_TYPE,
    PRIO_ATTRDEF,
    PRIO_BLOB,
    PRIO_TABLE_DATA,
    PRIO_SEQUENCE_SET,
    PRIO_BLOB_DATA,
    PRIO_CONSTRAINT,
    PRIO_INDEX,
    PRIO_INDEX_ATTACH,
    PRIO_STATSEXT,
    PRIO_RULE,
    PRIO_TRIGGER,
    PRIO_FK_CONSTRAINT,
    PRIO_POLICY,
    PRIO_PUBLICATION,
    PRIO_PUBLICATION_REL,
    PRIO_PUBLICATION_TABLE_IN_SCHEMA,
    PRIO_SUBSCRIPTION,
    PRIO_DEFAULT_ACL,
    PRIO_EVENT_TRIGGER,
    PRIO_REFRESH_MATVIEW,
};

/* What a worker writes: one table's rows, or every large object. */
enum DataKind { DATA_TABLE = 0, DATA_BLOBS = 1, DATA_FILTERED = 2 /* an extension's config table */ };

/* One unit of work for a worker: a table's data file, or the large objects. */
struct DataItem {
    DataKind kind = DATA_TABLE;
    int dump_id = 0;
    uint32_t relid = 0;
    int64_t size_bytes = 0;
    int ncols = 0;
    spill_string label; /* schema.table, quoted as SQL would */
};

/*
 * An object as the catalog reader hands it over.  The plan keeps none of
 * it as it is: the entries' texts go to its text store at once, the sort
 * key into one arena (see DumpPlan).
 */
struct DumpObject {
    ObjKey key = 0;
    int priority = PRIO_TABLE;
    std::string sort_schema; /* empty: in no schema */
    std::string sort_name;   /* pg_dump's name of the object (DumpableObject.name) */
    /* what objects of one type, schema and name are told apart by, in turn (DOTypeNameCompare) */
    std::vector<std::string> sort_ties;
    /* entries[0] is the object itself; the rest (COMMENT, ACL) follow it */
    std::vector<TocEntry> entries;
    /* set for TABLE DATA and BLOBS objects */
    bool is_table_data = false;
    DataItem data;
    /* set for MATERIALIZED VIEW DATA: the matview it refreshes */
    ObjKey refreshes = 0;
    /*
     * For a view: CREATE VIEW with its columns and no query, used when the
     * query needs a post-data object (then its real query follows as a
     * post-data RULE entry, CREATE OR REPLACE VIEW, as pg_dump does).
     */
    std::string stand_in_defn;
    /*
     * The object's own entry is not written, only the comment and ACL
     * entries that follow it (schema public, made by initdb): as pg_dump,
     * they still depend on its dump id, nothing else does.
     */
    bool own_entry_omitted = false;
    /*
     * Not dumped, only sorted: an object pg_dump collects but does not dump
     * under the selection (a cast with -n), which still moves the objects it
     * depends on in pg_dump's sort.  No entry is written for it; a written
     * entry that depends on it depends on what it depends on instead.
     */
    bool sort_only = false;
};

/*
 * The plan's memory stays small per object: add_object() and
 * add_trailing_entry() write each entry's texts to the text store (a
 * temporary file in the server) as soon as they arrive and keep a record of
 * a few bytes; sort names and tie-breakers go into one arena.  Entries are
 * read back only where the plan must look inside one (a view whose query
 * waits for post-data objects, privileges on built-in objects, notes) and
 * when toc.dat is written, streamed from the store in the final order.
 */
class DumpPlan {
  public:
    /* The texts go to store (not owned), or to a store in memory when it is null. */
    explicit DumpPlan(TextStore *store = nullptr);
    ~DumpPlan();
    DumpPlan(const DumpPlan &) = delete;
    DumpPlan &operator=(const DumpPlan &) = delete;

    /* Adds an object; a second object with the same key is an error (throws). */
    void add_object(DumpObject obj);
    /* True when key is an object of the plan or an alias of one (not a sort_only one). */
    bool is_dumped(ObjKey key) const;
    /* Entries to follow an object's own (comments, privileges); placed at finalize. */
    void add_trailing_entry(ObjKey key, TocEntry entry);
    /*
     * A large object: its BLOB entry, then its COMMENT, SECURITY LABEL and
     * ACL entries.  Large objects come in pg_dump's order (by name, the oid
     * as text, compared as strcmp: the caller reads them so sorted; throws
     * otherwise), one after another with nothing else added between them.
     * Their texts go to the store back to back and the plan keeps no record
     * of each: they are sorted as one object (nothing depends on a large
     * object and it depends on nothing, so pg_dump's sort keeps them
     * together, in their order), their dump ids are one range, and toc.dat
     * reads them back in order from the store.
     */
    void add_large_object(DumpObject obj);
    void add_alias(ObjKey from, ObjKey to);
    /* "from" must be restored after "to". */
    void add_dependency(ObjKey from, ObjKey to);
    /*
     * "from" is ordered after "to", but its entry does not list "to" among
     * its dependencies: pg_dump orders a base type after its shell through
     * the I/O functions, and records neither the type's dependency on the
     * shell nor the shell's on its schema.
     */
    void add_order_dependency(ObjKey from, ObjKey to);
    /* from's dependency on "to" points at "instead" (an I/O function needs only the shell type). */
    void redirect_dependency(ObjKey from, ObjKey to, ObjKey instead);
    /*
     * Entries the options leave out are dropped (an object goes with its own
     * entry).  Set before the first object is added: entries are filtered
     * and adjusted as they arrive.
     */
    void set_output_options(const OutputOptions &options);
    const OutputOptions &output_options() const { return options_; }

    /*
     * Orders the objects (type priority, then name, moved only as far as
     * dependencies demand), gives out dump ids and fills every entry's
     * dependency list.  Dependency loops are broken at the lowest-priority
     * object and described in *notes.  The objects and edges are freed
     * (is_dumped() still answers); the entries stay in the store.
     */
    void finalize(std::vector<std::string> *notes);
    /*
     * Called where finalize's working memory is at its most (the leader
     * samples its memory figures there); it must not throw.
     */
    void set_memory_probe(void (*probe)()) { memory_probe_ = probe; }

    /*
     * Every entry in final order, read from the store into memory (after
     * finalize; for pd_mirror and tests: toc.dat is written with
     * next_toc_chunk, which never holds them all).
     */
    const std::vector<TocEntry> &entries() const;
    size_t entry_count() const { return entry_total_; }
    /* Table data items in final order, each with its dump id (after finalize). */
    const spill_vector<DataItem> &data_items() const { return data_items_; }
    /* toc.dat's bytes for these entries; kept until the plan is destroyed. */
    const std::string &serialize(const ArchiveHeader &header);
    /*
     * toc.dat's bytes in pieces of about kTocChunkBytes (the header first),
     * valid until the next call; nullptr after the last.  Entries are read
     * from the store one at a time: the whole toc.dat is never held in
     * memory, nor more than one entry's texts.
     */
    const std::string *next_toc_chunk(const ArchiveHeader &header);
    static constexpr size_t kTocChunkBytes = 1 << 20;

  private:
    /* A place in the sort-text arena. */
    using TextRef = TextSpan;
    /*
     * An entry of an object: where its texts are in the store (a 48-bit
     * offset, split to pack the record in 16 bytes), what finalize looks at.
     */
    struct PlanEntry {
        uint32_t offset_low = 0;
        uint32_t length = 0;
        uint16_t offset_high = 0;
        uint16_t desc = 0; /* into descs_ */
        int8_t section = SECTION_PRE_DATA;
        uint8_t rank = 0; /* entry_rank: its place among its object's entries */
        StoredEntry stored() const {
            return StoredEntry{(static_cast<uint64_t>(offset_high) << 32) | offset_low, length};
        }
        void set_stored(const StoredEntry &where);
    };
    /*
     * An object; what it sorts by is sort_[i] beside objects_[i] (the
     * records the sort takes as they are: no copy of them at finalize).
     */
    struct PlanObject {
        ObjKey key = 0;
        uint32_t first = 0, count = 0; /* its entries: entries_flat_[first, first + count) */
        int32_t data = -1; /* its item in data_, for TABLE DATA and BLOBS */
        bool own_entry_omitted = false;
        bool unwanted = false; /* the options leave its own entry out: dropped at finalize */
        bool sort_only = false; /* DumpObject::sort_only: sorted, never written */
        bool large_objects = false; /* stands for every large object (add_large_object) */
    };
    /* An entry of toc.dat, in final order: its dependencies are deps_[deps_begin, next's deps_begin). */
    struct FinalEntry { /* 24 bytes: StoredEntry's fields without its padding */
        uint64_t offset = 0;
        uint32_t length = 0;
        int32_t dump_id = 0;
        uint32_t deps_begin = 0;
        uint8_t file = 0; /* 0 none, 1 <dump id>.dat, 2 blobs.toc, 3 the large objects' entries from here */
    };
    static constexpr uint8_t kLargeObjectsMark = 3;
    /* The large objects' entries: where they are in the store, how many, the object that sorts them. */
    struct LargeObjects {
        uint64_t begin = 0, end = 0;
        uint64_t entries = 0;
        uint64_t objects = 0;
        std::string last_name; /* of the last large object added (they come in order) */
    };
    /* Reading them back, in order, with their dump ids and dependencies. */
    struct LargeObjectCursor {
        std::unique_ptr<StoredRunReader> reader;
        int next_id = 0, blob_id = 0;
        std::vector<int> deps; /* of each BLOB entry: those of the object that sorts them */
    };
    void open_large_objects(size_t k, LargeObjectCursor *c) const;
    bool next_large_object_entry(LargeObjectCursor *c, TocEntry *e) const;
    /* the dump ids final entry k depends on */
    std::vector<int> final_deps(size_t k) const;
    /* An object with what it sorts by (priority: a DumpPriority; schema, name, ties; oid: its key's). */
    OrderRecord sort_record(ObjKey key, int priority, TextRef schema, TextRef name, TextRef ties = TextRef()) const;
    /* Appends an object (its key in none yet) and indexes it; returns its number. */
    size_t push_object(const PlanObject &o, const OrderRecord &sort);
    /* The object of key (no alias followed), or FlatIndex::kNone (before finalize). */
    uint32_t object_of(ObjKey key) const {
        return index_.find(key, [this](uint32_t id) { return objects_[id].key; });
    }
    /* key is an object's, sort-only ones included (after finalize: a dumped one's) */
    bool has_object(ObjKey key) const;
    void rebuild_index();

    ObjKey resolve(ObjKey key) const;
    /* The object an edge's target means (aliases and redirects applied), or none. */
    std::optional<size_t> edge_target(ObjKey from, ObjKey to) const;
    void restore_after_post_data(std::vector<std::string> *notes);
    void order_entries(const PlanObject &o);
    /* The object of privileges on an extension member (made at its first entry). */
    size_t member_privileges_object(ObjKey member, size_t extension, const PlanEntry &entry,
                                    std::map<ObjKey, size_t> *objects);
    void place_trailing_entries();
    /* object i's own entry */
    PlanEntry &own(size_t i) { return entries_flat_[objects_[i].first]; }
    const PlanEntry &own(size_t i) const { return entries_flat_[objects_[i].first]; }
    /* The objects in pg_dump's order, given what each depends on (finalize). */
    spill_vector<uint32_t> dump_order(const DepGraph &deps, std::vector<std::string> *notes);
    DepGraph dependency_graph();
    void index_dependencies_order_only();
    void apply_output_options();
    /* Stores an entry the options keep (adjusted as they say); false when they leave it out. */
    bool keep_entry(TocEntry &e, PlanEntry *out);
    /* Stores an entry as it is. */
    PlanEntry make_entry(const TocEntry &e);
    uint16_t desc_id(const std::string &desc);
    const std::string &desc_of(const PlanEntry &e) const { return descs_[e.desc]; }
    TocEntry load(const PlanEntry &e) const { return load_entry(store_, e.stored()); }
    /* Rewrites an entry (edit changes the loaded entry); the record points at the new texts. */
    template <typename Edit> void rewrite(PlanEntry *e, Edit edit);
    TextRef arena_text(const std::string &s);
    std::string_view view(TextRef r) const { return std::string_view(sort_text_).substr(r.offset, r.length); }
    /* "desc schema.tag" for notes */
    std::string describe(const PlanEntry &e) const;
    std::vector<int> written_dependencies(const DepGraph &deps, size_t i, const spill_vector<int> &main_id) const;
    uint32_t data_relation(const PlanObject &o) const;
    bool needs_stand_in(const PlanObject &o) const;
    int post_data_boundary_ = 0; /* finalize's: a dump id of no entry */
    /* The dump ids entry k of object i (its dump id first_id + k) depends on, pg_dump's way (finalize). */
    void entry_dependencies(const DepGraph &deps, size_t i, size_t k, int first_id, int stand_in,
                            const spill_vector<int> &main_id);

    std::unique_ptr<TextStore> own_store_;
    TextStore *store_;
    /* chunked, not one array: no copy of them all as they grow */
    spill_deque<PlanObject> objects_;
    spill_deque<OrderRecord> sort_; /* sort_[i]: what objects_[i] sorts by; freed once sorted */
    spill_deque<PlanEntry> entries_flat_; /* every object's entries, each object's together */
    FlatIndex index_; /* objects_ by key */
    spill_deque<std::pair<ObjKey, ObjKey>> aliases_; /* (from, to) */
    FlatIndex alias_index_; /* aliases_ by from */
    /* after finalize: the keys of the objects written, sorted (is_dumped; objects_ is freed) */
    spill_vector<ObjKey> dumped_keys_;
    bool finalized_ = false;
    spill_deque<std::pair<ObjKey, ObjKey>> edges_;
    spill_vector<std::pair<ObjKey, PlanEntry>> trailing_;
    std::map<std::pair<ObjKey, ObjKey>, ObjKey> redirects_;
    std::set<std::pair<ObjKey, ObjKey>> order_only_; /* add_order_dependency's (from, to) */
    /* the few objects that have these: a view's stand-in definition, a matview data's matview */
    std::unordered_map<ObjKey, std::string> stand_in_;
    std::unordered_map<ObjKey, ObjKey> refreshes_;
    spill_string sort_text_;       /* the arena of sort names and tie-breakers */
    TextRef last_schema_;         /* consecutive objects mostly share a schema: stored once */
    std::vector<std::string> descs_;
    std::unordered_map<std::string, uint16_t> desc_ids_;
    OutputOptions options_;
    spill_deque<DataItem> data_;
    spill_vector<FinalEntry> final_;
    size_t entry_total_ = 0; /* toc.dat's entries: final_, the large objects' one counted as all of theirs */
    LargeObjects large_objects_;
    LargeObjectCursor toc_large_objects_; /* next_toc_chunk's, while it writes them */
    spill_vector<int32_t> deps_;
    mutable std::vector<TocEntry> entries_;
    spill_vector<DataItem> data_items_;
    std::string toc_bytes_;
    std::string toc_chunk_;
    size_t toc_next_ = 0;  /* the next entry next_toc_chunk() writes */
    bool toc_started_ = false;
    void (*memory_probe_)() = nullptr;
    /* empties a container and gives its memory back */
    template <typename T> static void release(T &c) { T().swap(c); }
    /* entry k of final order, as toc.dat has it */
    TocEntry final_entry(size_t k) const;
};

/*
 * Hands out work items largest first; an item is ready once every item it
 * depends on is done.  Serves the dump (no dependencies) and, later, restore.
 */
class WorkScheduler {
  public:
    int add(int64_t size, std::vector<int> deps = {});
    /* The largest ready item not yet handed out, or -1. */
    int next_ready();
    /* The largest ready item that allowed(id) accepts, or -1. */
    template <typename Allowed> int next_ready_if(Allowed allowed) {
        if (!started_)
            start();
        for (auto it = ready_.begin(); it != ready_.end(); ++it)
            if (allowed(it->second)) {
                int id = it->second;
                ready_.erase(it);
                items_[id].handed_out = true;
                return id;
            }
        return -1;
    }
    void done(int id);
    /* With nothing ready: the largest item not handed out, dependencies or not (breaks a loop), or -1. */
    int next_despite_dependencies();
    size_t remaining() const { return remaining_; }
    /* Items ready and not handed out. */
    size_t ready_count() const { return started_ ? ready_.size() : 0; }
    size_t size() const { return items_.size(); }

  private:
    struct Item {
        int64_t size;
        spill_vector<int> deps;
        int unmet = 0;
        bool handed_out = false;
        bool done = false;
    };
    /* in the spill heap, as the plan: some 100 bytes an item */
    spill_vector<Item> items_;
    std::multimap<std::pair<int64_t, int>, int, std::less<std::pair<int64_t, int>>,
                  SpillAllocator<std::pair<const std::pair<int64_t, int>, int>>>
        ready_; /* (-size, id) -> id */
    spill_vector<spill_vector<int>> dependents_;
    bool started_ = false;
    size_t remaining_ = 0;
    void start();
};

} // namespace pd
