#include "gzip_reader.h"

#include <zlib.h>

#include <cstring>
#include <new>

#include "no_postgres.h"

namespace pd {

GzipReader::GzipReader() : stream_(nullptr) {
    z_stream *s = new (std::nothrow) z_stream;
    if (s == nullptr)
        return;
    std::memset(s, 0, sizeof *s);
    if (inflateInit2(s, 16 + MAX_WBITS) != Z_OK) {
        delete s;
        return;
    }
    stream_ = s;
}

GzipReader::~GzipReader() {
    if (stream_) {
        inflateEnd(static_cast<z_stream *>(stream_));
        delete static_cast<z_stream *>(stream_);
    }
}

bool GzipReader::inflate(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                         size_t *produced) noexcept {
    *consumed = *produced = 0;
    z_stream *s = static_cast<z_stream *>(stream_);
    if (s == nullptr) {
        error_ = "out of memory";
        return false;
    }
    while (*produced < out_cap && *consumed < in_len) {
        if (member_done_) {
            /* another member follows: start it afresh */
            if (inflateReset(s) != Z_OK) {
                error_ = "could not reset the decompressor";
                return false;
            }
            member_done_ = false;
        }
        started_ = true;
        s->next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in + *consumed));
        s->avail_in = static_cast<uInt>(in_len - *consumed > 1u << 30 ? 1u << 30 : in_len - *consumed);
        s->next_out = reinterpret_cast<Bytef *>(out + *produced);
        s->avail_out = static_cast<uInt>(out_cap - *produced > 1u << 30 ? 1u << 30 : out_cap - *produced);
        uInt avail_in = s->avail_in, avail_out = s->avail_out;
        int rc = ::inflate(s, Z_NO_FLUSH);
        *consumed += avail_in - s->avail_in;
        *produced += avail_out - s->avail_out;
        if (rc == Z_STREAM_END) {
            member_done_ = true;
            continue;
        }
        if (rc == Z_BUF_ERROR && avail_in == s->avail_in && avail_out == s->avail_out)
            break; /* no progress possible with this input: needs more */
        if (rc != Z_OK) {
            error_ = s->msg ? s->msg : "invalid compressed data";
            return false;
        }
    }
    return true;
}

} // namespace pd
