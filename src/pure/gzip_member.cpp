#include "gzip_member.h"

#include <libdeflate.h>

#include "no_postgres.h"

namespace pd {

int gzip_level_for(int pg_dump_level) noexcept {
    /*
     * -1 is zlib's Z_DEFAULT_COMPRESSION, i.e. level 6.  libdeflate's level 6
     * is both faster and smaller than zlib's, so the same number serves.
     */
    if (pg_dump_level < 0)
        return 6;
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
    return libdeflate_gzip_compress_bound(c, n);
}

size_t gzip_member(libdeflate_compressor *c, const char *in, size_t n, char *out,
                   size_t out_cap) noexcept {
    return libdeflate_gzip_compress(c, in, n, out, out_cap);
}

} // namespace pd
