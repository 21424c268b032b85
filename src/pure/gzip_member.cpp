#include "gzip_member.h"

#include <libdeflate.h>

#include <initializer_list>

#include "no_postgres.h"

namespace pd {

namespace {

/* gzip trailer: CRC-32 and input size, little-endian */
constexpr size_t kTrailerSize = 8;

void put_le32(unsigned char *p, uint32_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = static_cast<unsigned char>(v >> (8 * i));
}

uint32_t get_le32(const unsigned char *p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
           static_cast<uint32_t>(p[3]) << 24;
}

/*
 * ID1 ID2 CM=deflate FLG=FEXTRA MTIME=0 XFL=0 OS=unix, XLEN=8, then one
 * subfield: SI1='P' SI2='D' (or 'C' for a continuation) LEN=4 and the
 * member's total size.
 */
const unsigned char kHeader[16] = {0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 3, 8, 0, 'P', 'D', 4, 0};
constexpr size_t kSubfieldId2 = 13;
constexpr unsigned char kBeginsRow = 'D';
constexpr unsigned char kContinuesRow = 'C';

/* The size a header of ours with subfield "P<si2>" announces, else 0. */
uint64_t announced_size(const unsigned char *header, size_t n, unsigned char si2) {
    if (n < kGzipHeaderSize || header[kSubfieldId2] != si2)
        return 0;
    /* everything but the bytes that may differ (MTIME, XFL, OS) must be ours */
    for (size_t i : {0u, 1u, 2u, 3u, 10u, 11u, 12u, 14u, 15u})
        if (header[i] != kHeader[i])
            return 0;
    uint64_t size = get_le32(header + 16);
    return size >= kGzipHeaderSize + kTrailerSize ? size : 0;
}

} // namespace

int gzip_level_for(int pg_dump_level) noexcept {
    /*
     * -1 is pg_dump's default (zlib's Z_DEFAULT_COMPRESSION, level 6).  It
     * becomes libdeflate's cheapest level whose archive of the bench
     * database is still no larger than pg_dump's default one: level 1 gave
     * 146.3 MiB against zlib 6's 151.2 MiB, in 10.7 CPU-s against level 6's
     * 15.6 (134.0 MiB).  An explicit 1..9 keeps its number.
     */
    if (pg_dump_level < 0)
        return kGzipDefaultLevel;
    return pg_dump_level > 9 ? 9 : pg_dump_level;
}

libdeflate_compressor *gzip_new(int pg_dump_level) noexcept {
    return libdeflate_alloc_compressor(gzip_level_for(pg_dump_level));
}

void gzip_free(libdeflate_compressor *c) noexcept {
    if (c)
        libdeflate_free_compressor(c);
}

size_t gzip_member_bound(libdeflate_compressor *c, size_t n) noexcept {
    return kGzipHeaderSize + libdeflate_deflate_compress_bound(c, n) + kTrailerSize;
}

size_t gzip_member(libdeflate_compressor *c, const char *in, size_t n, char *out, size_t out_cap,
                   bool continues_row) noexcept {
    if (out_cap < kGzipHeaderSize + kTrailerSize || n > UINT32_MAX)
        return 0;
    unsigned char *o = reinterpret_cast<unsigned char *>(out);
    size_t body = libdeflate_deflate_compress(c, in, n, o + kGzipHeaderSize, out_cap - kGzipHeaderSize - kTrailerSize);
    if (body == 0)
        return 0;
    size_t total = kGzipHeaderSize + body + kTrailerSize;
    if (total > UINT32_MAX)
        return 0;
    for (size_t i = 0; i < sizeof kHeader; i++)
        o[i] = kHeader[i];
    o[kSubfieldId2] = continues_row ? kContinuesRow : kBeginsRow;
    put_le32(o + 16, static_cast<uint32_t>(total));
    put_le32(o + kGzipHeaderSize + body, libdeflate_crc32(0, in, n));
    put_le32(o + kGzipHeaderSize + body + 4, static_cast<uint32_t>(n));
    return total;
}

uint32_t gzip_trailer_isize(const unsigned char *last) noexcept { return get_le32(last); }

uint64_t gzip_member_size(const unsigned char *header, size_t n) noexcept {
    return announced_size(header, n, kBeginsRow);
}

uint64_t gzip_continuation_size(const unsigned char *header, size_t n) noexcept {
    return announced_size(header, n, kContinuesRow);
}

} // namespace pd
