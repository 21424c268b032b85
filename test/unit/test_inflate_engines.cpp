/*
 * The two engines that stream gzip members (ISA-L's inflate and zlib's, see
 * inflate_stream.h) give the same bytes for the same files, in any input
 * chunks, and both refuse damaged ones: truncated, a flipped bit, a wrong
 * CRC or size, garbage after a member.  Without ISA-L built in only zlib
 * runs (and the test says so).
 */
#include "../../src/pure/gzip_member.h"
#include "../../src/pure/gzip_reader.h"
#include "../../src/pure/inflate_stream.h"
#include "unit.h"
#include "zlib_gzip.h"

using namespace pd;

namespace {

/* COPY-like rows, varied enough that every kind of deflate block shows up */
std::string rows(int n, int seed) {
    std::string out;
    unsigned x = 2463534242u + seed;
    for (int i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        out += std::to_string(i) + "\t" + std::to_string(x % 100000) + ".37\t2025-01-0" + std::to_string(1 + x % 9) +
               " 12:00:00+00\t{\"qty\": " + std::to_string(x % 7) + "}\t";
        for (int k = 0; k < (int) (x % 24); k++)
            out += static_cast<char>('a' + (x >> k) % 26);
        out += "\n";
    }
    return out;
}

std::vector<InflateEngine> engines() {
    std::vector<InflateEngine> all = {InflateEngine::zlib};
    if (inflate_engine_available(InflateEngine::isal))
        all.push_back(InflateEngine::isal);
    else
        std::printf("    (ISA-L not built in: zlib only)\n");
    return all;
}

/*
 * Streams z through an InflateStream in chunk-byte pieces into an out_cap
 * byte buffer (small: output is often held back); false when it refuses the
 * data.
 */
bool stream_all(InflateEngine e, const std::string &z, size_t chunk, std::string *out, size_t out_cap = 3000) {
    InflateStream s(e);
    out->clear();
    char buf[3000];
    size_t pos = 0;
    for (int idle = 0; idle < 3;) {
        size_t n = std::min(chunk, z.size() - pos), consumed, produced;
        if (!s.step(z.data() + pos, n, &consumed, buf, std::min(out_cap, sizeof buf), &produced))
            return false;
        out->append(buf, produced);
        pos += consumed;
        idle = consumed == 0 && produced == 0 ? idle + 1 : 0;
    }
    return pos == z.size() && s.at_member_end();
}

/* The same through a GzipReader (libdeflate for small members, the engine for the rest). */
bool read_all(InflateEngine e, const std::string &z, size_t chunk, std::string *out) {
    GzipReader r(e);
    out->clear();
    static char buf[65536];
    size_t pos = 0;
    for (;;) {
        size_t n = std::min(chunk, z.size() - pos), consumed, produced;
        bool eof = pos + n == z.size();
        if (!r.inflate(z.data() + pos, n, eof, &consumed, buf, sizeof buf, &produced))
            return false;
        out->append(buf, produced);
        pos += consumed;
        if (consumed == 0 && produced == 0 && eof)
            return r.at_member_end();
    }
}

} // namespace

TEST(inflate_engines_agree_on_members_in_any_chunks) {
    std::string a = rows(3000, 1), b = rows(50, 2), c = rows(2000, 3);
    libdeflate_compressor *ld = gzip_new(1);
    std::string lb(gzip_member_bound(ld, b.size()), '\0');
    lb.resize(gzip_member(ld, b.data(), b.size(), &lb[0], lb.size()));
    gzip_free(ld);
    /* one member; several (zlib's, libdeflate's, levels 1 and 9, an empty one) one after another */
    const std::string files[] = {unit::zlib_gzip(a), unit::zlib_gzip(a) + lb + unit::zlib_gzip(c, 9) +
                                                     unit::zlib_gzip("", 1) + unit::zlib_gzip(b, 1)};
    const std::string want[] = {a, a + b + c + b};
    for (int f = 0; f < 2; f++)
        for (InflateEngine e : engines())
            for (size_t chunk : {1, 7, 4096, 1 << 20})
                for (size_t out_cap : {1, 3000}) {
                    std::string out;
                    CHECK(stream_all(e, files[f], chunk, &out, out_cap));
                    CHECK(out == want[f]);
                }
}

TEST(inflate_engines_agree_on_a_pg_dump_sized_file) {
    /* one member of ~8 MB of rows, as pg_dump writes a table's file: too big for the fast path */
    std::string big = rows(100000, 4);
    CHECK(big.size() > GzipReader::kMemberOutput);
    std::string z = unit::zlib_gzip(big) + unit::zlib_gzip(rows(10, 5));
    std::string first;
    bool first_set = false;
    for (InflateEngine e : engines())
        for (size_t chunk : {4096, 256 * 1024}) {
            std::string out;
            CHECK(read_all(e, z, chunk, &out));
            CHECK(out == big + rows(10, 5));
            if (first_set)
                CHECK(out == first);
            first = out;
            first_set = true;
        }
}

TEST(inflate_engines_refuse_the_same_damaged_files) {
    std::string a = rows(2000, 6);
    std::string z = unit::zlib_gzip(a);
    std::vector<std::string> bad;
    for (size_t cut : {size_t(5), size_t(11), z.size() / 2, z.size() - 5, z.size() - 1})
        bad.push_back(z.substr(0, cut)); /* truncated: in the header, the data, the trailer */
    std::string flip = z;
    flip[z.size() / 3] ^= 0x10;
    bad.push_back(flip); /* a flipped bit in the data: bad code or wrong CRC */
    std::string crc = z;
    crc[z.size() - 6] ^= 1;
    bad.push_back(crc); /* the CRC */
    std::string isize = z;
    isize[z.size() - 2] ^= 1;
    bad.push_back(isize); /* the size */
    bad.push_back(z + "garbage after the member");
    bad.push_back(z + std::string(1, '\x1f'));
    std::string method = z;
    method[2] = 7;
    bad.push_back(method); /* not deflate */
    for (InflateEngine e : engines())
        for (size_t i = 0; i < bad.size(); i++)
            for (size_t chunk : {3, 65536}) {
                std::string out;
                bool ok = stream_all(e, bad[i], chunk, &out);
                if (ok)
                    std::printf("    engine %d accepted damaged file %zu (chunk %zu)\n", (int) e, i, chunk);
                CHECK(!ok);
            }
}
