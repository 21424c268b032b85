/*
 * An archive's TOC entries as a restore reads them: by index, each loaded
 * when it is wanted.  pd_restore keeps them in a text store (a temporary
 * file in the server) with a record of 24 bytes each in the spill heap, so
 * that its leader's memory does not grow with the entries of 100,000
 * tables; unit tests and small callers keep them in a vector.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "spill_heap.h"
#include "text_store.h"
#include "toc_archive.h"

namespace pd {

class EntrySource {
  public:
    virtual ~EntrySource() = default;
    virtual size_t size() const = 0;
    /* Entry i, a copy (no reference to keep: a stored entry is read again at each call). */
    virtual TocEntry at(size_t i) const = 0;
    /* Its dump id, without reading it. */
    virtual int dump_id(size_t i) const = 0;
};

/* Entries held in a vector (not owned). */
class VectorEntries final : public EntrySource {
  public:
    explicit VectorEntries(const std::vector<TocEntry> &entries) : entries_(entries) {}
    size_t size() const override { return entries_.size(); }
    TocEntry at(size_t i) const override { return entries_.at(i); }
    int dump_id(size_t i) const override { return entries_.at(i).dump_id; }

  private:
    const std::vector<TocEntry> &entries_;
};

/* Entries written to a store (not owned) as they come; the store's errors are its exceptions. */
class StoredEntries final : public EntrySource {
  public:
    explicit StoredEntries(TextStore *store) : store_(store) {}
    void push_back(const TocEntry &e);
    /* Entry i becomes e (the same dump id and dependencies; its texts are stored again). */
    void replace(size_t i, const TocEntry &e);
    size_t size() const override { return index_.size(); }
    TocEntry at(size_t i) const override;
    int dump_id(size_t i) const override { return index_.at(i).dump_id; }

  private:
    struct Record {
        uint64_t offset = 0;
        uint32_t length = 0;
        int32_t dump_id = 0;
        uint32_t deps_begin = 0, deps_count = 0;
    };
    TextStore *store_;
    spill_vector<Record> index_;
    spill_vector<int32_t> deps_; /* every entry's dependencies, each entry's together */
};

} // namespace pd
