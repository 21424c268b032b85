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

/* The bytes of each range, in MB. */
std::vector<double> mb_of(const std::vector<BlockRange> &r, int64_t table_bytes, uint32_t nblocks) {
    std::vector<double> v;
    for (const BlockRange &x : r)
        v.push_back(static_cast<double>(range_bytes(x, table_bytes, nblocks)) / MB);
    return v;
}

TEST(ranges_for_every_table_above_a_piece_and_the_floor) {
    /* 1000 MB, 2 workers: shares of 500 MB, pieces of 62.5 MB, so above the 64 MB floor */
    auto r = plan_table_ranges(460 * MB, 50000, policy(1000 * MB, 2)); /* under its share */
    CHECK(tiles(r));
    CHECK(r.size() > 8);
    CHECK(mb_of(r, 460 * MB, 50000)[0] > 62.4 && mb_of(r, 460 * MB, 50000)[0] < 62.6);
    CHECK(plan_table_ranges(64 * MB, 8000, policy(1000 * MB, 2)).empty());    /* the floor itself */
    CHECK(tiles(plan_table_ranges(65 * MB, 8000, policy(1000 * MB, 2))));
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
    CHECK(tiles(plan_table_ranges(251 * MB, 50000, p)));
}

TEST(ranges_tile_the_table_in_block_order_and_shrink_at_its_end) {
    /* one table holding nearly all data, 2 workers: pieces of 1/8 of a share, then a shrinking tail */
    auto r = plan_table_ranges(950 * MB, 121601, policy(1000 * MB, 2));
    CHECK(tiles(r));
    std::vector<double> mb = mb_of(r, 950 * MB, 121601);
    double sum = 0;
    for (double x : mb)
        sum += x;
    CHECK(sum > 949.9 && sum < 950.1);
    /* whole pieces while more than 2 * jobs of them are left: 12 of 62.5 MB */
    for (size_t i = 0; i < 12; i++)
        CHECK(mb[i] > 62.4 && mb[i] < 62.6);
    CHECK(mb[12] < 62.4);
    /* then each a quarter (2 * jobs) of what is left, never growing, down to the floor (64 MB / 16) */
    for (size_t i = 12; i + 1 < mb.size(); i++) {
        CHECK(mb[i + 1] <= mb[i] + 0.01);
        CHECK(mb[i] > 3.99);
    }
    /* the last two pieces, where the workers run out of work, are at most the floor each */
    CHECK(mb[mb.size() - 2] < 4.01);
    CHECK(mb.back() < 4.01 && mb.back() > 0.99); /* a sliver under a quarter of the floor joins it */
    CHECK(r.size() < 30);
    /* the bench's table (613 MB of 630): the same shape */
    r = plan_table_ranges(613 * MB, 78000, policy(630 * MB, 2));
    CHECK(tiles(r));
    mb = mb_of(r, 613 * MB, 78000);
    CHECK(mb.front() > 39 && mb.back() < 4.01);
    /* 8 workers: a table of 100 MB is cut from the start in 2 * jobs-ths of what is left, 4 MB at least */
    r = plan_table_ranges(100 * MB, 12800, policy(101 * MB, 8));
    CHECK(tiles(r));
    mb = mb_of(r, 100 * MB, 12800);
    CHECK(mb.front() > 6.1 && mb.front() < 6.3);
    for (size_t i = 0; i + 1 < mb.size(); i++)
        CHECK(mb[i] > 3.99);
    /* no more ranges than blocks, nor than max_pieces (then equal ones) */
    r = plan_table_ranges(900 * MB, 3, policy(1000 * MB, 2));
    CHECK(tiles(r));
    CHECK_EQ(r.size(), size_t(3));
    SplitPolicy p = policy(100000 * MB, 2);
    p.max_pieces = 5;
    r = plan_table_ranges(99000 * MB, 1000000, p);
    CHECK(tiles(r));
    CHECK_EQ(r.size(), size_t(5));
    CHECK_EQ(r[1].start, uint32_t(200000));
    /* at least two pieces once over the threshold, however coarse the pieces */
    p = policy(1000 * MB, 2, 600 * MB);
    r = plan_table_ranges(700 * MB, 1000, p);
    CHECK(tiles(r));
    CHECK(mb_of(r, 700 * MB, 1000).front() > 149 && mb_of(r, 700 * MB, 1000).front() < 151); /* pieces of 150 MB */
    p.pieces_per_share = 1;
    p.min_table = 1;
    r = plan_table_ranges(501 * MB, 1000, p);
    CHECK(tiles(r));
    CHECK(r.size() >= 2);
    /* under 2 * jobs pieces (of 500 MB) from the start: the first is a quarter of the table */
    CHECK(r[1].start >= 249 && r[1].start <= 250);
}
