/* Pieces of a one-stream file in uncompressed offsets: every line in exactly one piece. */
#include <algorithm>
#include <random>

#include "../../src/pure/data_split.h"
#include "../../src/pure/line_window.h"
#include "unit.h"

using namespace pd;

/* What a piece [start, end) must load: the lines beginning at offsets inside it. */
static std::string expected(const std::string &text, long long start, long long end) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        size_t nl = text.find('\n', i);
        size_t next = nl == std::string::npos ? text.size() : nl + 1;
        if ((long long) i >= start && (long long) i < end)
            out.append(text, i, next - i);
        i = next;
    }
    return out;
}

/* The piece fed to a window in chunks of the given sizes (cycled). */
static std::string through(const std::string &text, long long start, long long end, const std::vector<size_t> &chunks,
                           bool *stopped_early = nullptr) {
    LineWindow w;
    line_window_init(&w, start, end);
    std::string out;
    size_t pos = 0, k = 0;
    while (pos < text.size() && !w.done) {
        size_t n = std::min(chunks[k++ % chunks.size()], text.size() - pos);
        size_t from, to;
        line_window_take(&w, text.data() + pos, n, &from, &to);
        CHECK(from <= to && to <= n);
        out.append(text, pos + from, to - from);
        pos += n;
    }
    if (stopped_early)
        *stopped_early = pos < text.size();
    return out;
}

TEST(line_window_boundaries) {
    const std::string text = "aa\nbbb\n\ncc\n\\.\n\n\n"; /* lines at 0, 3, 7, 8, 11, 14, 15 */
    std::vector<size_t> whole{1000}, ones{1}, twos{2, 3};
    for (const auto &chunks : {whole, ones, twos}) {
        CHECK_EQ(through(text, 0, kToEnd, chunks), text);
        CHECK_EQ(through(text, 0, 3, chunks), std::string("aa\n"));        /* cut exactly at a line start */
        CHECK_EQ(through(text, 0, 4, chunks), std::string("aa\nbbb\n"));   /* cut inside a row */
        CHECK_EQ(through(text, 4, 8, chunks), std::string("\n"));          /* only the empty line at 7 */
        CHECK_EQ(through(text, 3, 7, chunks), std::string("bbb\n"));
        CHECK_EQ(through(text, 4, 7, chunks), std::string(""));            /* no line begins in it */
        CHECK_EQ(through(text, 11, kToEnd, chunks), std::string("\\.\n\n\n")); /* the tail with the last piece */
        CHECK_EQ(through(text, 100, kToEnd, chunks), std::string(""));      /* past the end (a wrong hint) */
        CHECK_EQ(through(text, 5, 5, chunks), std::string(""));
    }
    /* a last line without a newline, a file smaller than a piece, an empty file */
    CHECK_EQ(through("x\ny", 1, kToEnd, whole), std::string("y"));
    CHECK_EQ(through("x\ny", 0, 1, ones), std::string("x\n"));
    CHECK_EQ(through("x\ny", 0, 1000, whole), std::string("x\ny"));
    CHECK_EQ(through("", 0, kToEnd, whole), std::string(""));
    /* a piece that has its lines stops reading */
    bool early = false;
    through(std::string(10, 'a') + "\n" + std::string(5000, 'b') + "\n", 0, 5, std::vector<size_t>{64}, &early);
    CHECK(early);
}

TEST(line_window_pieces_cover_every_line_once) {
    std::mt19937 rng(14);
    for (int round = 0; round < 300; round++) {
        std::string text;
        int lines = (int) (rng() % 40);
        for (int i = 0; i < lines; i++)
            text += std::string(rng() % 3 == 0 ? 0 : rng() % 50, 'a' + i % 26) + "\n";
        if (rng() % 2)
            text += "\\.\n\n\n";
        long long size = (long long) text.size();
        std::vector<long long> cuts{0};
        int ncuts = (int) (rng() % 6);
        for (int i = 0; i < ncuts; i++)
            cuts.push_back((long long) (rng() % (size + 20)));
        std::sort(cuts.begin(), cuts.end());
        cuts.push_back(kToEnd);
        std::vector<size_t> chunks{1 + rng() % 17, 1 + rng() % 5, 1 + rng() % 100};
        std::string all;
        for (size_t p = 0; p + 1 < cuts.size(); p++) {
            std::string piece = through(text, cuts[p], cuts[p + 1], chunks);
            CHECK_EQ(piece, expected(text, cuts[p], cuts[p + 1]));
            all += piece;
        }
        CHECK_EQ(all, text);
    }
}

TEST(stream_pieces_from_a_size_hint) {
    /* ISIZE is the size modulo 2^32: the hint is the smallest such size at least the compressed one */
    CHECK_EQ(stream_size_hint(1000, 500), 1000LL);
    CHECK_EQ(stream_size_hint(1000, 5000), 1000LL + (1LL << 32));
    CHECK_EQ(stream_size_hint(0, 0), 0LL);
    /* a file larger than its text only by gzip's overhead did not wrap: pg_dump's empty table, 25 bytes */
    CHECK_EQ(stream_size_hint(0, 25), 0LL);
    CHECK_EQ(stream_size_hint(100, 130), 100LL);
    CHECK_EQ(stream_size_hint(1 << 20, (1 << 20) + 200), (long long) (1 << 20));
    CHECK_EQ(stream_size_hint(0, 2000), 1LL << 32);
    auto r = split_stream_file(1000000, 2, 100000);
    CHECK_EQ(r.size(), size_t(2));
    CHECK(r[0].lines && r[1].lines);
    CHECK_EQ(r[0].start, 0LL);
    CHECK_EQ(r[0].end, r[1].start);
    CHECK_EQ(r[1].end, kToEnd); /* the last piece reads to the end, whatever the hint said */
    CHECK(split_stream_file(150000, 2, 100000).empty());
    CHECK(split_stream_file(1000000, 1, 1000).empty());
    CHECK_EQ(split_stream_file(1000000, 8, 1000).size(), size_t(8));
}
