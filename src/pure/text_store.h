/*
 * Where a dump plan keeps the texts of its TOC entries until toc.dat is
 * written: an append-only byte store read back at offsets.  The plan holds
 * only small fixed-size records pointing into it, so that its memory does
 * not grow with the texts of 100,000 tables or a million large objects.
 * The server side spills to a temporary file (src/pg/text_spill.h); the
 * in-memory store serves unit tests and code that runs outside a server.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "toc_archive.h"

namespace pd {

class TextStore {
  public:
    virtual ~TextStore() = default;
    /* Appends len bytes and returns their offset; throws when they cannot be stored. */
    virtual uint64_t append(const char *data, size_t len) = 0;
    /* Reads len bytes at offset into out; throws when they are not there. */
    virtual void read(uint64_t offset, char *out, size_t len) = 0;
    /* Bytes appended so far. */
    virtual uint64_t size() const = 0;
};

class MemoryTextStore final : public TextStore {
  public:
    uint64_t append(const char *data, size_t len) override;
    void read(uint64_t offset, char *out, size_t len) override;
    uint64_t size() const override { return bytes_.size(); }

  private:
    std::string bytes_;
};

/* An entry's place in a store. */
struct StoredEntry {
    uint64_t offset = 0;
    uint32_t length = 0;
};

/*
 * A TOC entry's fields in a store, all but dump_id and deps (the plan
 * gives those out when it orders the entries).
 */
StoredEntry store_entry(TextStore *store, const TocEntry &e);
/* The entry back (dump_id 0, no deps); throws on bytes that are no such entry. */
TocEntry load_entry(TextStore *store, const StoredEntry &where);
/*
 * Decodes the stored entry at the start of bytes[0, len) into *e: its
 * length, or 0 when bytes hold only part of one (entries stored one after
 * another are read back in order so); throws on bytes that are no entry.
 */
size_t decode_entry(const char *bytes, size_t len, TocEntry *e);

} // namespace pd
