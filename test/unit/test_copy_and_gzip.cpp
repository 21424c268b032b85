#include <zlib.h>

#include <cstring>

#include "../../src/pure/copy_text.h"
#include "../../src/pure/gzip_member.h"
#include "unit.h"
#include "zlib_gzip.h"

using namespace pd;

static std::string escape(const std::string &s) {
    std::string out(copy_text_escaped_bound(s.size()), '\0');
    out.resize(copy_text_escape(s.data(), s.size(), &out[0]));
    return out;
}

TEST(copy_text_escapes_like_copy) {
    CHECK_EQ(escape("plain"), std::string("plain"));
    CHECK_EQ(escape(""), std::string(""));
    CHECK_EQ(escape("a\tb\nc\rd\\e"), std::string("a\\tb\\nc\\rd\\\\e"));
    CHECK_EQ(escape("\b\f\v"), std::string("\\b\\f\\v"));
    CHECK_EQ(escape(std::string("\x01x\x1f", 3)), std::string("\x01x\x1f", 3));
    CHECK_EQ(escape("\xc3\xa9t\xc3\xa9"), std::string("\xc3\xa9t\xc3\xa9"));
    CHECK_EQ(escape("\\\\"), std::string("\\\\\\\\"));
    CHECK_EQ(escape("\\N"), std::string("\\\\N"));
}

/* Inflates a stream of concatenated gzip members, as zlib's gzread does. */
static std::string gunzip_all(const std::string &z) {
    std::string out;
    z_stream s;
    std::memset(&s, 0, sizeof s);
    inflateInit2(&s, 16 + MAX_WBITS);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(z.data()));
    s.avail_in = static_cast<uInt>(z.size());
    char buf[65536];
    for (;;) {
        s.next_out = reinterpret_cast<Bytef *>(buf);
        s.avail_out = sizeof buf;
        int rc = inflate(&s, Z_NO_FLUSH);
        out.append(buf, sizeof buf - s.avail_out);
        if (rc == Z_STREAM_END) {
            if (s.avail_in == 0)
                break;
            inflateReset(&s);
            continue;
        }
        if (rc != Z_OK)
            break;
    }
    inflateEnd(&s);
    return out;
}

TEST(gzip_members_concatenate_into_one_stream) {
    for (int level : {-1, 1, 9}) {
        libdeflate_compressor *c = gzip_new(level);
        CHECK(c != nullptr);
        std::string input, file;
        for (int chunk = 0; chunk < 3; chunk++) {
            std::string part;
            for (int i = 0; i < 20000; i++)
                part += std::to_string(i * (chunk + 1)) + "\tvalue " + std::to_string(i % 97) + "\n";
            input += part;
            std::string z(gzip_member_bound(c, part.size()), '\0');
            size_t n = gzip_member(c, part.data(), part.size(), &z[0], z.size());
            CHECK(n > 0);
            CHECK(static_cast<unsigned char>(z[0]) == 0x1f && static_cast<unsigned char>(z[1]) == 0x8b);
            file.append(z.data(), n);
        }
        CHECK(file.size() < input.size() / 3);
        CHECK(gunzip_all(file) == input);
        gzip_free(c);
    }
}

TEST(gzip_levels_follow_pg_dump) {
    CHECK_EQ(gzip_level_for(-1), kGzipDefaultLevel);
    CHECK_EQ(kGzipDefaultLevel, 1);
    CHECK_EQ(gzip_level_for(1), 1);
    CHECK_EQ(gzip_level_for(6), 6);
    CHECK_EQ(gzip_level_for(9), 9);
}

/*
 * The default level's member of a megabyte of the bench's orders rows (as
 * bench/lib.sh makes them: numeric, timestamptz, jsonb, an md5 text) is no
 * larger than zlib's default level makes of the same rows, as pg_dump
 * writes them, and level 6 is smaller still.
 */
TEST(gzip_default_level_is_no_larger_than_zlib_default) {
    static const char *const kStatus[] = {"new", "paid", "shipped", "returned"};
    std::string rows;
    uint32_t x = 12345;
    for (long g = 1; rows.size() < kGzipMemberInput; g++) {
        long secs = g * 7;
        char line[256];
        char hex[33];
        for (int i = 0; i < 32; i++) {
            x = x * 1103515245u + 12345u;
            hex[i] = "0123456789abcdef"[(x >> 16) & 15];
        }
        hex[32] = 0;
        long cents = (g % 100000) * 37 + 100;
        snprintf(line, sizeof line,
                 "%ld\t%ld\t%ld.%02ld\t2025-01-%02ld %02ld:%02ld:%02ld+00\t%s\t{\"qty\": %ld, \"sku\": \"SKU-%ld\", "
                 "\"gift\": %s}\t%s\n",
                 g, g % 50000, cents / 100, cents % 100, 1 + secs / 86400, secs / 3600 % 24, secs / 60 % 60, secs % 60,
                 kStatus[g % 4], g % 7 + 1, g % 9973, g % 11 == 0 ? "true" : "false", hex);
        rows += line;
    }
    size_t sizes[2];
    int levels[2] = {-1, 6};
    for (int k = 0; k < 2; k++) {
        libdeflate_compressor *c = gzip_new(levels[k]);
        std::string z(gzip_member_bound(c, rows.size()), '\0');
        sizes[k] = gzip_member(c, rows.data(), rows.size(), &z[0], z.size());
        z.resize(sizes[k]);
        CHECK(gunzip_all(z) == rows);
        gzip_free(c);
    }
    size_t zlib6 = unit::zlib_gzip(rows).size();
    CHECK(sizes[0] > 0 && sizes[0] <= zlib6);
    CHECK(sizes[1] < sizes[0]);
}

#include "../../src/pure/gzip_reader.h"

static bool gunzip_with_reader(const std::string &z, std::string *out, size_t chunk) {
    GzipReader r;
    std::string result;
    size_t pos = 0;
    char buf[4096];
    for (;;) {
        size_t n = std::min(chunk, z.size() - pos), consumed, produced;
        bool eof = pos + n == z.size();
        if (!r.inflate(z.data() + pos, n, eof, &consumed, buf, sizeof buf, &produced))
            return false;
        result.append(buf, produced);
        pos += consumed;
        if (consumed == 0 && produced == 0 && eof)
            break;
    }
    *out = result;
    return r.at_member_end();
}

TEST(gzip_reader_reads_concatenated_members_in_any_chunks) {
    libdeflate_compressor *c = gzip_new(-1);
    std::string input, file;
    for (int m = 0; m < 3; m++) {
        std::string part;
        for (int i = 0; i < 5000; i++)
            part += "row " + std::to_string(i * m) + "\n";
        input += part;
        std::string z(gzip_member_bound(c, part.size()), '\0');
        file.append(z.data(), gzip_member(c, part.data(), part.size(), &z[0], z.size()));
    }
    gzip_free(c);
    for (size_t chunk : {1, 7, 100, 65536}) {
        std::string out;
        CHECK(gunzip_with_reader(file, &out, chunk));
        CHECK(out == input);
    }
    std::string out;
    CHECK(!gunzip_with_reader("garbage, not gzip", &out, 100));
    /* one member larger than the fast path takes streams through zlib */
    std::string big(6 * 1024 * 1024, 'x');
    for (size_t i = 0; i < big.size(); i += 97)
        big[i] = static_cast<char>('a' + i % 26);
    libdeflate_compressor *c9 = gzip_new(1);
    std::string zbig(gzip_member_bound(c9, big.size()), '\0');
    zbig.resize(gzip_member(c9, big.data(), big.size(), &zbig[0], zbig.size()));
    gzip_free(c9);
    CHECK(gunzip_with_reader(zbig + file, &out, 65536));
    CHECK(out == big + input);
    std::string truncated = file.substr(0, file.size() / 2);
    bool ok = gunzip_with_reader(truncated, &out, 100);
    CHECK(!ok || out.size() < input.size()); /* a truncated stream never yields everything */
}

/* Our members announce their size in the header; anything else announces nothing. */
TEST(gzip_member_header_announces_its_size) {
    libdeflate_compressor *c = gzip_new(-1);
    std::string rows;
    for (int i = 0; i < 5000; i++)
        rows += std::to_string(i) + "\tsome text\n";
    std::string z(gzip_member_bound(c, rows.size()), '\0');
    size_t n = gzip_member(c, rows.data(), rows.size(), &z[0], z.size());
    CHECK(n > 0);
    const unsigned char *h = reinterpret_cast<const unsigned char *>(z.data());
    CHECK_EQ(gzip_member_size(h, n), uint64_t(n));
    CHECK_EQ(gzip_trailer_isize(h + n - kGzipIsizeBytes), uint32_t(rows.size()));
    CHECK_EQ(gzip_member_size(h, kGzipHeaderSize - 1), uint64_t(0)); /* too short */
    std::string bad = z;
    bad[12] = 'X'; /* another subfield */
    CHECK_EQ(gzip_member_size(reinterpret_cast<const unsigned char *>(bad.data()), n), uint64_t(0));
    bad = z;
    bad[3] = 0; /* no extra field: zlib's and pg_dump's headers */
    CHECK_EQ(gzip_member_size(reinterpret_cast<const unsigned char *>(bad.data()), n), uint64_t(0));
    bad = z;
    bad[16] = bad[17] = bad[18] = bad[19] = 0; /* a size smaller than any member */
    CHECK_EQ(gzip_member_size(reinterpret_cast<const unsigned char *>(bad.data()), n), uint64_t(0));
    /* and the member still decodes as ordinary gzip */
    GzipReader r;
    std::string out(rows.size() + 10, '\0');
    size_t consumed = 0, produced = 0;
    CHECK(r.inflate(z.data(), n, true, &consumed, &out[0], out.size(), &produced));
    CHECK_EQ(out.substr(0, produced), rows);
    gzip_free(c);
}

/* A row longer than a member: its later members say "PC", and no "PD" reader begins in them. */
TEST(gzip_continuation_members_are_never_row_starts) {
    libdeflate_compressor *c = gzip_new(-1);
    std::string value(300000, 'v'), file;
    for (size_t i = 0; i < value.size(); i += 13)
        value[i] = '\t';
    std::string escaped = escape(value) + "\n";
    /* the escaped row written in pieces of kCopyEscapePiece input bytes */
    for (size_t pos = 0; pos < escaped.size(); pos += kCopyEscapePiece) {
        std::string part = escaped.substr(pos, kCopyEscapePiece);
        std::string z(gzip_member_bound(c, part.size()), '\0');
        size_t n = gzip_member(c, part.data(), part.size(), &z[0], z.size(), pos > 0);
        CHECK(n > 0);
        const unsigned char *h = reinterpret_cast<const unsigned char *>(z.data());
        CHECK_EQ(gzip_member_size(h, n), pos == 0 ? uint64_t(n) : uint64_t(0));
        CHECK_EQ(gzip_continuation_size(h, n), pos == 0 ? uint64_t(0) : uint64_t(n));
        file.append(z.data(), n);
    }
    CHECK(escaped.size() > 4 * kCopyEscapePiece);
    /* zlib (pg_restore, gunzip) and our reader read it as one stream */
    CHECK(gunzip_all(file) == escaped);
    std::string out;
    CHECK(gunzip_with_reader(file, &out, 65536));
    CHECK(out == escaped);
    gzip_free(c);
}
