/*
 * Reads back, in order, TOC entries stored one after another in a text
 * store (text_store.h), a window of about 1 MB at a time: how the dump plan
 * writes the large objects' entries to toc.dat without a record of each.
 */
#pragma once

#include <cstdint>
#include <string>

#include "text_store.h"

namespace pd {

class StoredRunReader {
  public:
    /* The entries stored in [begin, end) of store, count of them. */
    StoredRunReader(TextStore *store, uint64_t begin, uint64_t end, uint64_t count);
    /* The next entry (dump_id 0, no deps); false after the last. Throws when the bytes are not count entries. */
    bool next(TocEntry *e);
    static constexpr size_t kWindowBytes = 1 << 20;

  private:
    TextStore *store_;
    uint64_t next_read_; /* the store offset after window_ */
    uint64_t end_;
    uint64_t left_; /* entries not yet handed out */
    std::string window_;
    size_t used_ = 0; /* bytes of window_ handed out */
};

} // namespace pd
