/* StoredRunReader: entries stored back to back, read back in windows (stored_run.h). */
#include "stored_run.h"

#include <algorithm>
#include <stdexcept>

#include "no_postgres.h"

namespace pd {

StoredRunReader::StoredRunReader(TextStore *store, uint64_t begin, uint64_t end, uint64_t count)
    : store_(store), next_read_(begin), end_(end), left_(count) {
    if (begin > end)
        throw std::logic_error("stored run ends before it begins");
}

bool StoredRunReader::next(TocEntry *e) {
    if (left_ == 0) {
        if (used_ != window_.size() || next_read_ != end_)
            throw std::runtime_error("stored run of TOC entries holds more than its entries");
        return false;
    }
    for (;;) {
        size_t n = decode_entry(window_.data() + used_, window_.size() - used_, e);
        if (n > 0) {
            used_ += n;
            left_--;
            return true;
        }
        if (next_read_ == end_)
            throw std::runtime_error("stored run of TOC entries ends inside an entry");
        /* keep the part of an entry not decoded yet, then read on (more than a window for a longer entry) */
        window_.erase(0, used_);
        used_ = 0;
        size_t want = std::max(kWindowBytes, 2 * window_.size());
        size_t take = static_cast<size_t>(std::min<uint64_t>(want - window_.size(), end_ - next_read_));
        size_t have = window_.size();
        window_.resize(have + take);
        store_->read(next_read_, &window_[have], take);
        next_read_ += take;
    }
}

} // namespace pd
