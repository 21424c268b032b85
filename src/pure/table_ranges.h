/*
 * Cutting one big table into block ranges that several workers dump at once
 * (pd_dump, pd_mirror).  A table bigger than one piece (a worker's fair
 * share of all the data divided by pieces_per_share) and than min_table is
 * cut into ranges of about one piece each, so that largest-first scheduling
 * ends with pieces, even when one table costs more per byte than the
 * others.  Towards the table's end the ranges shrink (guided
 * self-scheduling: a range is then a 2*jobs-th of what is left, down to
 * min_table / 16), so that the workers run out of work within a small
 * range of each other instead of within a whole piece (with 2 workers and
 * pieces of 0.4 s, one core idled about 0.2 s at the end).  The ranges are
 * in block order and decrease, so the scheduler, largest first, hands
 * them out in block order.  The last range is open (it goes to whatever
 * the end of the table is when it is read).
 */
#pragma once

#include <cstdint>
#include <vector>

namespace pd {

/* The end of the last range: to the end of the table, however long it is by then. */
constexpr uint32_t kOpenEndBlock = 0xFFFFFFFFu;

/* Blocks [start, end) of a table's main fork; end may be kOpenEndBlock. */
struct BlockRange {
    uint32_t start = 0;
    uint32_t end = kOpenEndBlock;
};

struct SplitPolicy {
    int64_t total_bytes = 0; /* all the data the dump writes */
    int jobs = 1;            /* workers */
    int64_t min_table = 0;   /* a table this size or smaller is never cut (0: never cut anything) */
    /* pieces per fair share: a piece, and so the tail of the last one, is 1/pieces_per_share of it */
    int pieces_per_share = 8;
    int max_pieces = 1024;
};

/*
 * The size above which a table is cut: one piece (total / jobs /
 * pieces_per_share), at least min_table; -1 for never.
 */
int64_t split_threshold(const SplitPolicy &policy);

/*
 * The ranges of a table of table_bytes (heap and TOAST) in nblocks blocks
 * (main fork, counted after the snapshot was taken), in block order, the
 * last one open; empty when the table stays whole.  Every range has at
 * least one block; a piece is never smaller than min_table / 4 but in the
 * shrinking tail, which goes down to min_table / 16.
 */
std::vector<BlockRange> plan_table_ranges(int64_t table_bytes, uint32_t nblocks, const SplitPolicy &policy);

/* The bytes of a table of table_bytes in nblocks blocks that range r reads (the open end: to nblocks). */
int64_t range_bytes(const BlockRange &r, int64_t table_bytes, uint32_t nblocks);

} // namespace pd
