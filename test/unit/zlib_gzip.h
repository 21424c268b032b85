/*
 * One gzip member made with zlib (as pg_dump writes its files), for unit
 * tests that need gzip data from another compressor than ours.
 */
#pragma once

#include <zlib.h>

#include <cstring>
#include <string>

namespace unit {

/* in as one gzip member; level and memLevel as deflateInit2 takes them */
inline std::string zlib_gzip(const std::string &in, int level = 6, int mem_level = 8) {
    z_stream s;
    std::memset(&s, 0, sizeof s);
    deflateInit2(&s, level, Z_DEFLATED, 16 + MAX_WBITS, mem_level, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&s, in.size()), '\0');
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    s.avail_in = static_cast<uInt>(in.size());
    s.next_out = reinterpret_cast<Bytef *>(&out[0]);
    s.avail_out = static_cast<uInt>(out.size());
    deflate(&s, Z_FINISH);
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

} // namespace unit
