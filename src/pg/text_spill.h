/*
 * The dump plan's text store in a temporary file (a BufFile in pgsql_tmp:
 * counted against temp_file_limit, removed by PostgreSQL on every way out of
 * the transaction).  Its methods are called from pure C++ code: an ERROR a
 * BufFile call raises comes back to them as a C++ exception, never as a
 * longjmp across their frames.
 */
#pragma once

#include "../pure/text_store.h"
#include "pg_includes.h"

extern "C" {
#include "storage/buffile.h"
}

namespace pd {

class SpillTextStore final : public TextStore {
  public:
    explicit SpillTextStore(BufFile *file) : file_(file) {}
    uint64_t append(const char *data, size_t len) override;
    void read(uint64_t offset, char *out, size_t len) override;
    uint64_t size() const override { return size_; }

  private:
    void seek(uint64_t offset);
    BufFile *file_;
    uint64_t size_ = 0;     /* bytes written */
    uint64_t position_ = 0; /* where the file stands */
};

} // namespace pd

/*
 * A temporary file for a plan's texts, in TopTransactionContext (call
 * outside C++ code; may raise an ERROR).
 */
BufFile *pd_spill_file_create(void);
/* Closes (and so removes) it at the end of a dump that did not fail. */
void pd_spill_file_close(BufFile *file);
