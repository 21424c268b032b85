/*
 * Hostile gzip data files: a forged member header or trailer (ISIZE), or a
 * member that inflates to far more than its size, never drives the reader's
 * memory beyond its fixed buffers.
 */
#include <cstring>

#include "../../src/pure/gzip_member.h"
#include "../../src/pure/gzip_reader.h"
#include "alloc_count.h"
#include "unit.h"
#include "zlib_gzip.h"

using namespace pd;

/* What one reader may hold: its two buffers, plus zlib's and libdeflate's state. */
static const size_t kReaderBound = GzipReader::kMemberInput + GzipReader::kMemberOutput + 1024 * 1024;

/* Feeds z through a reader in 256 kB pieces; counts the output, not keeping it. */
static bool drain(const std::string &z, size_t *total) {
    GzipReader r;
    size_t pos = 0;
    static char buf[65536];
    *total = 0;
    for (;;) {
        size_t n = std::min<size_t>(256 * 1024, z.size() - pos), consumed, produced;
        bool eof = pos + n == z.size();
        if (!r.inflate(z.data() + pos, n, eof, &consumed, buf, sizeof buf, &produced))
            return false;
        *total += produced;
        pos += consumed;
        if (consumed == 0 && produced == 0 && eof)
            return r.at_member_end();
    }
}

TEST(gzip_reader_forged_sizes_do_not_drive_allocation) {
    std::string rows;
    for (int i = 0; i < 20000; i++)
        rows += std::to_string(i) + "\trow\n";
    libdeflate_compressor *c = gzip_new(-1);
    std::string member(gzip_member_bound(c, rows.size()), '\0');
    member.resize(gzip_member(c, rows.data(), rows.size(), &member[0], member.size()));
    gzip_free(c);
    size_t total = 0;
    CHECK(drain(member, &total));
    CHECK_EQ(total, rows.size());

    /* a trailer claiming 4 GB: a corrupt member, found without a 4 GB buffer */
    std::string isize = member;
    std::memset(&isize[isize.size() - kGzipIsizeBytes], 0xff, kGzipIsizeBytes);
    unit::reset_heap_peak();
    size_t before = unit::heap_live();
    CHECK(!drain(isize, &total));
    CHECK(unit::heap_peak() - before < kReaderBound);

    /* a header announcing a member of 2^60 bytes: only the splitter reads it, and refuses it */
    std::string header = member;
    for (size_t i = 12; i < kGzipHeaderSize; i++)
        header[i] = static_cast<char>(0xff);
    CHECK(gzip_member_size(reinterpret_cast<const unsigned char *>(header.data()), header.size()) == 0 ||
          gzip_member_size(reinterpret_cast<const unsigned char *>(header.data()), header.size()) > header.size());
    unit::reset_heap_peak();
    before = unit::heap_live();
    drain(header, &total); /* an error or the rows; what matters is memory */
    CHECK(unit::heap_peak() - before < kReaderBound);
}

TEST(gzip_reader_streams_a_member_that_inflates_hugely) {
    /* 256 MB of zeros in one ~250 kB member: streamed through fixed buffers */
    std::string zeros(256u << 20, '\0');
    std::string bomb = unit::zlib_gzip(zeros, 9, 9);
    zeros = std::string();
    CHECK(bomb.size() < 1024 * 1024);
    unit::reset_heap_peak();
    size_t before = unit::heap_live();
    size_t total = 0;
    CHECK(drain(bomb, &total));
    CHECK_EQ(total, size_t(256u << 20));
    CHECK(unit::heap_peak() - before < kReaderBound);
}
