/* Unit tests of the block ranges in which pd_dump cuts one big table (src/pure/table_ranges.h). */
#include "../../src/pure/table_ranges.h"
#include "unit.h"

using namespace pd;

namespace {

const int64_t MB = 1024 * 1024;

SplitPolicy policy(int64_t total, int jobs, int64_t min_table = 64 * MB) {
    SplitPolicy p;
    p.total_bytes = total;
    p.jobs = jobs;
    p.min_table = min_table;
    return p;
}

/* Consecutive, non-empty, from block 0, the last one open. */
bool tiles(const std::vector<BlockRange> &r) {
    if (r.empty() || r.front().start != 0 || r.back().end != kOpenEndBlock)
        return false;
    for (size_t i = 0; i + 1 < r.size(); i++)
        if (r[i].end != r[i + 1].start || r[i].start >= r[i].end)
            return false;
    return r.back().start != kOpenEndBlock;
}

} // namespace

TEST(ranges_for_every_table_above_a_piece_and_the_floor) {
    /* 1000 MB, 2 workers: shares of 500 MB, pieces of 62.5 MB, so above the 64 MB floor */
    CHECK_EQ(plan_table_ranges(460 * MB, 50000, policy(1000 * MB, 2)).size(), size_t(8)); /* under its share */
    CHECK_EQ(plan_table_ranges(500 * MB, 50000, policy(1000 * MB, 2)).size(), size_t(8));
    CHECK_EQ(plan_table_ranges(501 * MB, 50000, policy(1000 * MB, 2)).size(), size_t(9));
    CHECK(plan_table_ranges(64 * MB, 8000, policy(1000 * MB, 2)).empty());    /* the floor itself */
    CHECK_EQ(plan_table_ranges(65 * MB, 8000, policy(1000 * MB, 2)).size(), size_t(2));
    CHECK(plan_table_ranges(60 * MB, 8000, policy(61 * MB, 2)).empty());     /* under the floor */
    CHECK(plan_table_ranges(900 * MB, 50000, policy(1000 * MB, 1)).empty()); /* one worker */
    CHECK(plan_table_ranges(900 * MB, 50000, policy(1000 * MB, 2, 0)).empty()); /* splitting off */
    CHECK(plan_table_ranges(900 * MB, 1, policy(1000 * MB, 2)).empty());     /* one block */
    /* above the floor, the threshold is a piece: an eighth of a share */
    CHECK_EQ(split_threshold(policy(8000 * MB, 4)), 250 * MB);
    CHECK_EQ(split_threshold(policy(1000 * MB, 4)), 64 * MB);
    CHECK_EQ(split_threshold(policy(100 * MB, 4)), 64 * MB);
    CHECK_EQ(split_threshold(policy(100 * MB, 1)), int64_t(-1));
    SplitPolicy p = policy(8000 * MB, 4);
    CHECK(plan_table_ranges(250 * MB, 50000, p).empty());
    CHECK_EQ(plan_table_ranges(251 * MB, 50000, p).size(), size_t(2));
}

TEST(ranges_tile_the_table_in_block_order) {
    /* one table holding nearly all data, 2 workers: pieces of 1/8 of a share */
    auto r = plan_table_ranges(950 * MB, 121601, policy(1000 * MB, 2));
    CHECK(tiles(r));
    CHECK_EQ(r.size(), size_t(16));
    for (size_t i = 0; i + 1 < r.size(); i++) {
        uint32_t blocks = r[i].end - r[i].start;
        CHECK(blocks == 121601 / 16 || blocks == 121601 / 16 + 1); /* about equal */
    }
    CHECK_EQ(r.back().start, uint32_t(121601 * 15 / 16));
    /* never smaller than a quarter of the floor: pieces of 16 MB, so 7 of them, not 64 */
    CHECK_EQ(plan_table_ranges(100 * MB, 12800, policy(101 * MB, 8)).size(), size_t(7));
    /* no more ranges than blocks, nor than max_pieces */
    r = plan_table_ranges(900 * MB, 3, policy(1000 * MB, 2));
    CHECK(tiles(r));
    CHECK_EQ(r.size(), size_t(3));
    SplitPolicy p = policy(100000 * MB, 2);
    p.max_pieces = 5;
    CHECK_EQ(plan_table_ranges(99000 * MB, 1000000, p).size(), size_t(5));
    /* at least two pieces once over the threshold, however coarse the pieces */
    p = policy(1000 * MB, 2, 600 * MB);
    r = plan_table_ranges(700 * MB, 1000, p);
    CHECK(tiles(r));
    CHECK_EQ(r.size(), size_t(5)); /* pieces of 150 MB */
    p.pieces_per_share = 1;
    p.min_table = 1;
    CHECK_EQ(plan_table_ranges(501 * MB, 1000, p).size(), size_t(2));
}
