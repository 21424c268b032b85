/* Entries in a text store (entry_source.h). */
#include "entry_source.h"

#include <stdexcept>

namespace pd {

void StoredEntries::push_back(const TocEntry &e) {
    if (deps_.size() + e.deps.size() > UINT32_MAX)
        throw std::length_error("too many dependencies in the TOC");
    StoredEntry where = store_entry(store_, e);
    Record r;
    r.offset = where.offset;
    r.length = where.length;
    r.dump_id = e.dump_id;
    r.deps_begin = static_cast<uint32_t>(deps_.size());
    r.deps_count = static_cast<uint32_t>(e.deps.size());
    deps_.insert(deps_.end(), e.deps.begin(), e.deps.end());
    index_.push_back(r);
}

void StoredEntries::replace(size_t i, const TocEntry &e) {
    Record &r = index_.at(i);
    StoredEntry where = store_entry(store_, e);
    r.offset = where.offset;
    r.length = where.length;
}

TocEntry StoredEntries::at(size_t i) const {
    const Record &r = index_.at(i);
    TocEntry e = load_entry(store_, StoredEntry{r.offset, r.length});
    e.dump_id = r.dump_id;
    e.deps.assign(deps_.begin() + r.deps_begin, deps_.begin() + r.deps_begin + r.deps_count);
    return e;
}

} // namespace pd
