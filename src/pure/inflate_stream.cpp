#include "inflate_stream.h"

#include <zlib.h>
#ifdef PD_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include <algorithm>
#include <cstring>
#include <new>

#include "no_postgres.h"

namespace pd {

namespace {

/* zlib and ISA-L take 32-bit lengths */
const size_t kMaxStep = 1u << 30;

#ifdef PD_HAVE_ISAL
const char *isal_message(int rc) {
    switch (rc) {
    case ISAL_INVALID_BLOCK:
        return "invalid block type";
    case ISAL_INVALID_SYMBOL:
        return "invalid code";
    case ISAL_INVALID_LOOKBACK:
        return "invalid distance too far back";
    case ISAL_INVALID_WRAPPER:
        return "incorrect header check";
    case ISAL_UNSUPPORTED_METHOD:
        return "unknown compression method";
    case ISAL_INCORRECT_CHECKSUM:
        return "incorrect data check";
    default:
        return "invalid compressed data";
    }
}
#endif

} // namespace

bool inflate_engine_available(InflateEngine e) noexcept {
#ifdef PD_HAVE_ISAL
    return e == InflateEngine::zlib || e == InflateEngine::isal;
#else
    return e == InflateEngine::zlib;
#endif
}

InflateEngine default_inflate_engine() noexcept {
    return inflate_engine_available(InflateEngine::isal) ? InflateEngine::isal : InflateEngine::zlib;
}

InflateStream::~InflateStream() {
    if (state_ == nullptr)
        return;
    if (engine_ == InflateEngine::zlib) {
        inflateEnd(static_cast<z_stream *>(state_));
        delete static_cast<z_stream *>(state_);
    }
#ifdef PD_HAVE_ISAL
    else
        delete static_cast<inflate_state *>(state_);
#endif
}

bool InflateStream::start() noexcept {
    if (!inflate_engine_available(engine_)) {
        error_ = "this decompressor is not built in";
        return false;
    }
    if (engine_ == InflateEngine::zlib) {
        z_stream *s = new (std::nothrow) z_stream;
        if (s == nullptr) {
            error_ = "out of memory";
            return false;
        }
        std::memset(s, 0, sizeof *s);
        if (inflateInit2(s, 16 + MAX_WBITS) != Z_OK) {
            delete s;
            error_ = "could not start the decompressor";
            return false;
        }
        state_ = s;
        return true;
    }
#ifdef PD_HAVE_ISAL
    inflate_state *s = new (std::nothrow) inflate_state;
    if (s == nullptr) {
        error_ = "out of memory";
        return false;
    }
    isal_inflate_init(s);
    s->crc_flag = ISAL_GZIP; /* parses the header, checks CRC and size */
    state_ = s;
#endif
    return true;
}

bool InflateStream::step(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                         size_t *produced) noexcept {
    *consumed = *produced = 0;
    if (state_ == nullptr && !start())
        return false;
    return engine_ == InflateEngine::zlib ? zlib_step(in, in_len, consumed, out, out_cap, produced)
                                          : isal_step(in, in_len, consumed, out, out_cap, produced);
}

bool InflateStream::zlib_step(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                              size_t *produced) noexcept {
    z_stream *s = static_cast<z_stream *>(state_);
    /* zlib reads no input it cannot use yet: all input taken means no output held back */
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
        s->avail_in = static_cast<uInt>(std::min(in_len - *consumed, kMaxStep));
        s->next_out = reinterpret_cast<Bytef *>(out + *produced);
        s->avail_out = static_cast<uInt>(std::min(out_cap - *produced, kMaxStep));
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

bool InflateStream::isal_step(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                              size_t *produced) noexcept {
#ifdef PD_HAVE_ISAL
    inflate_state *s = static_cast<inflate_state *>(state_);
    /*
     * ISA-L reads ahead into its own buffers: with all input taken, output
     * may still be held back, so it is called until it makes no progress
     * (or a member ends with no input left).
     */
    while (*produced < out_cap) {
        if (*consumed == in_len && (member_done_ || !started_))
            break;
        if (member_done_) {
            isal_inflate_reset(s);
            s->crc_flag = ISAL_GZIP;
            member_done_ = false;
        }
        started_ = true;
        s->next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(in + *consumed));
        s->avail_in = static_cast<uint32_t>(std::min(in_len - *consumed, kMaxStep));
        s->next_out = reinterpret_cast<uint8_t *>(out + *produced);
        s->avail_out = static_cast<uint32_t>(std::min(out_cap - *produced, kMaxStep));
        uint32_t avail_in = s->avail_in, avail_out = s->avail_out;
        int rc = isal_inflate(s);
        *consumed += avail_in - s->avail_in;
        *produced += avail_out - s->avail_out;
        if (rc < 0) {
            error_ = isal_message(rc);
            return false;
        }
        if (s->block_state == ISAL_BLOCK_FINISH) {
            member_done_ = true;
            continue;
        }
        if (avail_in == s->avail_in && avail_out == s->avail_out)
            break; /* needs more input */
    }
    return true;
#else
    error_ = "this decompressor is not built in";
    return false;
#endif
}

} // namespace pd
