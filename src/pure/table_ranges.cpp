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

namespace {

/*
 * The pieces' sizes in bytes, in block order: piece bytes each, then, once
 * what is left is under 2 * jobs pieces, a 2*jobs-th of what is left, never
 * under the tail's floor (the last one takes what remains: at most a
 * quarter of the floor more).  Empty when
 * there would be more than max_pieces.
 */
std::vector<int64_t> guided_sizes(int64_t table_bytes, const SplitPolicy &p) {
    std::vector<int64_t> sizes;
    int64_t piece = piece_bytes(p);
    int64_t floor = std::min(piece, std::max<int64_t>(p.min_table / 16, 1));
    int64_t divisor = 2 * static_cast<int64_t>(std::max(p.jobs, 1));
    for (int64_t left = table_bytes; left > 0;) {
        int64_t s = std::min(piece, std::max(left / divisor, floor));
        if (left - s < floor / 4)
            s = left; /* no sliver after the last piece */
        sizes.push_back(s);
        left -= s;
        if (sizes.size() > static_cast<size_t>(std::max(p.max_pieces, 2)))
            return {};
    }
    return sizes;
}

/* n ranges of about equal numbers of blocks. */
std::vector<BlockRange> equal_ranges(uint32_t nblocks, int64_t n) {
    std::vector<BlockRange> ranges;
    for (int64_t k = 0; k < n; k++) {
        BlockRange r;
        r.start = static_cast<uint32_t>(static_cast<uint64_t>(nblocks) * k / n);
        r.end = k + 1 == n ? kOpenEndBlock : static_cast<uint32_t>(static_cast<uint64_t>(nblocks) * (k + 1) / n);
        ranges.push_back(r);
    }
    return ranges;
}

} // namespace

std::vector<BlockRange> plan_table_ranges(int64_t table_bytes, uint32_t nblocks, const SplitPolicy &p) {
    std::vector<BlockRange> ranges;
    int64_t threshold = split_threshold(p);
    if (threshold < 0 || table_bytes <= threshold || nblocks < 2 || nblocks == kOpenEndBlock)
        return ranges;
    std::vector<int64_t> sizes = guided_sizes(table_bytes, p);
    if (sizes.size() < 2) {
        /* too many pieces, or one piece is the whole table: equal ranges, within max_pieces */
        int64_t piece = piece_bytes(p);
        int64_t n = std::max<int64_t>((table_bytes + piece - 1) / piece, 2);
        n = std::min<int64_t>({n, std::max(p.max_pieces, 2), static_cast<int64_t>(nblocks)});
        return equal_ranges(nblocks, n);
    }
    /* cumulative bytes to blocks, each range at least one block (a range that would be empty joins the next) */
    int64_t done = 0;
    uint32_t start = 0;
    for (size_t k = 0; k + 1 < sizes.size(); k++) {
        done += sizes[k];
        uint32_t end = static_cast<uint32_t>(static_cast<double>(nblocks) * static_cast<double>(done) /
                                             static_cast<double>(table_bytes));
        if (end <= start || end >= nblocks)
            continue;
        ranges.push_back(BlockRange{start, end});
        start = end;
    }
    ranges.push_back(BlockRange{start, kOpenEndBlock});
    if (ranges.size() < 2)
        return equal_ranges(nblocks, 2);
    return ranges;
}

int64_t range_bytes(const BlockRange &r, int64_t table_bytes, uint32_t nblocks) {
    if (nblocks == 0)
        return 0;
    uint32_t end = r.end == kOpenEndBlock ? nblocks : std::min(r.end, nblocks);
    if (end <= r.start)
        return 0;
    return static_cast<int64_t>(static_cast<double>(table_bytes) * (end - r.start) / nblocks);
}

} // namespace pd
