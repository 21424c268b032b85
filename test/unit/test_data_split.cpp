#include "../../src/pure/data_split.h"
#include "unit.h"

using namespace pd;

static bool covers(const std::vector<ByteRange> &r, long long size) {
    if (r.empty() || r.front().start != 0 || r.back().end != size)
        return false;
    for (size_t i = 0; i + 1 < r.size(); i++)
        if (r[i].end != r[i + 1].start || r[i].start >= r[i].end)
            return false;
    return true;
}

TEST(split_gzip_file_at_member_starts) {
    std::vector<long long> starts, raw;
    for (long long s = 0; s < 10000; s += 1000) {
        starts.push_back(s);
        raw.push_back(5000);
    }
    auto r = split_data_file(starts, raw, 10000, 2, 1000);
    CHECK_EQ(r.size(), size_t(2));
    CHECK(covers(r, 10000));
    CHECK_EQ(r[1].start, 5000LL);
    CHECK_EQ(r[0].raw, 25000LL);
    r = split_data_file(starts, raw, 10000, 4, 1000);
    CHECK_EQ(r.size(), size_t(4));
    CHECK(covers(r, 10000));
    for (const ByteRange &b : r)
        CHECK(b.start % 1000 == 0); /* every piece begins at a member */
    /* cuts balance uncompressed bytes, not compressed ones */
    r = split_data_file({0, 100, 9000}, {5000, 5000, 10000}, 10000, 2, 1000);
    CHECK_EQ(r.size(), size_t(2));
    CHECK_EQ(r[1].start, 9000LL);
    CHECK_EQ(r[1].raw, 10000LL);
    r = split_data_file({0, 100, 9000}, {18000, 1000, 1000}, 10000, 2, 1000);
    CHECK_EQ(r.size(), size_t(2)); /* the first member is most of the data: cut after it */
    CHECK_EQ(r[1].start, 100LL);
    CHECK_EQ(r[0].raw, 18000LL);
    /* a single member cannot be split; sizes must match the members */
    CHECK(split_data_file({0}, {50000}, 10000, 4, 1000).empty());
    CHECK(split_data_file({0, 5000}, {50000}, 10000, 4, 1000).empty());
}

TEST(split_respects_minimum_and_workers) {
    std::vector<long long> starts{0, 1000, 2000, 3000}, raw{1000, 1000, 1000, 1000};
    CHECK(split_data_file(starts, raw, 4000, 1, 100).empty());    /* one worker */
    CHECK(split_data_file(starts, raw, 4000, 4, 2001).empty());   /* too small */
    CHECK(split_data_file(starts, raw, 4000, 4, 0).empty());      /* disabled */
    CHECK_EQ(split_data_file(starts, raw, 4000, 8, 2000).size(), size_t(2)); /* at most size / min parts */
}

TEST(split_plain_file_keeps_the_tail_together) {
    auto r = split_data_file({}, {}, 1000000, 2, 100000);
    CHECK_EQ(r.size(), size_t(2));
    CHECK(covers(r, 1000000));
    CHECK_EQ(r[1].start, 500000LL);
    /* the end-of-data marker stays in the last piece */
    r = split_data_file({}, {}, kPlainTail + 1000, 2, 500);
    CHECK(r.empty());
    r = split_data_file({}, {}, 3 * kPlainTail - 100, 3, 100);
    CHECK_EQ(r.size(), size_t(2)); /* the third cut would leave the tail short */
    CHECK(r.back().end - r.back().start >= kPlainTail);
}
