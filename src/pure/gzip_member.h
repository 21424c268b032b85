/*
 * Compresses one chunk of a data file into one complete gzip member.
 * pg_restore (zlib gzread) reads concatenated members as one stream, so a
 * data file is written as a sequence of members of about 1 MB input each.
 */
#pragma once

#include <cstddef>

struct libdeflate_compressor;

namespace pd {

/* Input bytes collected before a member is compressed and written. */
constexpr size_t kGzipMemberInput = 1024 * 1024;

/* libdeflate level used for pg_dump's -Z value (-1 = default). */
int gzip_level_for(int pg_dump_level) noexcept;

/* Returns nullptr when out of memory; free with gzip_free. */
libdeflate_compressor *gzip_new(int pg_dump_level) noexcept;
void gzip_free(libdeflate_compressor *c) noexcept;

/* Output capacity that is always enough for n input bytes. */
size_t gzip_member_bound(libdeflate_compressor *c, size_t n) noexcept;

/* Returns the member's size, or 0 if out_cap was too small. */
size_t gzip_member(libdeflate_compressor *c, const char *in, size_t n, char *out,
                   size_t out_cap) noexcept;

} // namespace pd
