#include "table_ranges.h"

#include <algorithm>

#include "no_postgres.h"

namespace pd {

namespace {

/* A piece: 1/pieces_per_share of a worker's share, never less than a quarter of min_table. */
int64_t piece_bytes(const SplitPolicy &p) {
    int64_t share = p.total_bytes / p.jobs;
    return std::max<int64_t>(share / std::max(p.pieces_per_share, 1), std::max<int64_t>(p.min_table / 4, 1));
}

} // namespace

int64_t split_threshold(const SplitPolicy &p) {
    if (p.jobs < 2 || p.min_table <= 0 || p.total_bytes <= 0)
        return -1;
    /*
     * Not a whole share: a table of 46% of the data with 2 workers, dearer
     * per byte than the rest (numeric, timestamptz, jsonb), kept one worker
     * busy seconds after the other had finished.  Cut above one piece,
     * every big table ends in pieces, which largest-first scheduling hands
     * out last.
     */
    return std::max(piece_bytes(p), p.min_table);
}

std::vector<BlockRange> plan_table_ranges(int64_t table_bytes, uint32_t nblocks, const SplitPolicy &p) {
    std::vector<BlockRange> ranges;
    int64_t threshold = split_threshold(p);
    if (threshold < 0 || table_bytes <= threshold || nblocks < 2 || nblocks == kOpenEndBlock)
        return ranges;
    int64_t piece = piece_bytes(p);
    int64_t n = (table_bytes + piece - 1) / piece;
    n = std::max<int64_t>(n, 2);
    n = std::min<int64_t>({n, std::max(p.max_pieces, 2), static_cast<int64_t>(nblocks)});
    for (int64_t k = 0; k < n; k++) {
        BlockRange r;
        r.start = static_cast<uint32_t>(static_cast<uint64_t>(nblocks) * k / n);
        r.end = k + 1 == n ? kOpenEndBlock : static_cast<uint32_t>(static_cast<uint64_t>(nblocks) * (k + 1) / n);
        ranges.push_back(r);
    }
    return ranges;
}

} // namespace pd
