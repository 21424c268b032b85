/*
 * What a restore runs, in which phase and after what, decided from an
 * archive's TOC the way pg_restore decides it:
 *   PRE:      pre-data entries (and comments before the data), in archive
 *             order (consecutive ones batched in one transaction);
 *   MAIN:     data and post-data entries in parallel, each after the entries
 *             it depends on, post-data ones after their tables' data, largest
 *             first, never two that lock the same table at once;
 *   ACL:      privileges, once everything else exists;
 *   POST_ACL: materialized view refreshes and event triggers, in order.
 */
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "dump_options.h"
#include "entry_source.h"
#include "spill_heap.h"
#include "toc_archive.h"

namespace pd {

enum RestorePhase { PHASE_PRE = 0, PHASE_MAIN = 1, PHASE_ACL = 2, PHASE_POST_ACL = 3 };
enum RestoreWork { WORK_SQL = 0, WORK_COPY = 1, WORK_BLOBS = 2 };

struct RestoreItem {
    int entry = 0;            /* index into the archive's entries; -1 for a run */
    int run = -1;             /* or: index into the archive's runs (toc_archive.h), whose entries of this phase it restores */
    RestorePhase phase = PHASE_PRE;
    RestoreWork work = WORK_SQL;
    spill_vector<int> deps;   /* items (indexes into items()) of the same phase */
    spill_vector<int> locks;  /* dump ids of the tables it locks exclusively */
    long long size = 0;       /* data size, for largest-first */
    int table_item = -1;      /* for table data: the item creating its table in this restore */
};

/* dump id -> an index, in the spill heap (a node of some 40 bytes per entry) */
using DumpIdMap = std::unordered_map<int, int, std::hash<int>, std::equal_to<int>, SpillAllocator<std::pair<const int, int>>>;

struct RestoreSelection {
    OutputOptions output;              /* schema_only, data_only, no_privileges, ... */
    std::vector<std::string> schemas;  /* pg_restore -n: exact schema names */
    std::vector<std::string> tables;   /* pg_restore -t: exact names of tables and their kin */
};

/* A data file name pg_dump writes ("<digits>.dat" or "blobs.toc"); anything else is refused. */
bool safe_data_filename(const std::string &name);
/* "blob_<digits>.dat" as blobs.toc names them. */
bool safe_blob_filename(const std::string &name);

/*
 * An entry's DROP statement made harmless when the object is missing, as
 * pg_restore --if-exists rewrites it.
 */
std::string drop_if_exists(const TocEntry &entry);

class RestorePlan {
  public:
    /*
     * sizes[i] is the on-disk size of entry i's data file (0 when none).
     * Returns false with *error when the archive cannot be restored safely
     * (a data file name outside the archive, duplicate dump ids).
     */
    bool build(const std::vector<TocEntry> &entries, const std::vector<long long> &sizes,
               const RestoreSelection &selection, std::string *error) {
        return build(VectorEntries(entries), std::vector<TocRun>(), sizes.data(), sizes.size(), selection, error);
    }
    /*
     * With runs of large objects' metadata kept apart from entries: each
     * run is an item of PHASE_PRE (its BLOB, COMMENT and SECURITY LABEL
     * entries) and one of PHASE_ACL (its ACL entries), in archive order;
     * wants() picks a run's entries when they are read again.
     */
    bool build(const std::vector<TocEntry> &entries, const std::vector<TocRun> &runs,
               const std::vector<long long> &sizes, const RestoreSelection &selection, std::string *error) {
        return build(VectorEntries(entries), runs, sizes.data(), sizes.size(), selection, error);
    }
    /* The same over entries read as they are wanted; sizes[0, nsizes) as above. */
    bool build(const EntrySource &entries, const std::vector<TocRun> &runs, const long long *sizes, size_t nsizes,
               const RestoreSelection &selection, std::string *error);
    /* True when entry e of a run is selected and belongs to phase. */
    bool wants(const TocEntry &e, RestorePhase phase) const;
    const spill_vector<RestoreItem> &items() const { return items_; }
    /* Items of one phase, in archive order. */
    spill_vector<int> phase_items(RestorePhase phase) const;
    /* True when a and b must not run at the same time. */
    bool conflict(int a, int b) const;

  private:
    spill_vector<RestoreItem> items_;
    RestoreSelection selection_;
};

} // namespace pd
