#include "gzip_reader.h"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <new>

#include "no_postgres.h"

namespace pd {

GzipReader::GzipReader() { fast_ = libdeflate_alloc_decompressor(); }

GzipReader::~GzipReader() {
    if (fast_)
        libdeflate_free_decompressor(fast_);
    if (stream_) {
        inflateEnd(static_cast<z_stream *>(stream_));
        delete static_cast<z_stream *>(stream_);
    }
}

bool GzipReader::at_member_end() const noexcept {
    if (!use_zlib_)
        return pending_pos_ == pending_.size() && decoded_pos_ == decoded_.size();
    return member_done_ || !started_;
}

bool GzipReader::switch_to_zlib() noexcept {
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
    stream_ = s;
    use_zlib_ = true;
    return true;
}

bool GzipReader::inflate(const char *in, size_t in_len, bool eof, size_t *consumed, char *out, size_t out_cap,
                         size_t *produced) noexcept {
    *consumed = *produced = 0;
    /* first hand out what is decoded already */
    if (decoded_pos_ < decoded_.size()) {
        size_t n = std::min(out_cap, decoded_.size() - decoded_pos_);
        std::memcpy(out, decoded_.data() + decoded_pos_, n);
        decoded_pos_ += n;
        *produced = n;
        return true;
    }
    try {
        if (!use_zlib_ && fast_ != nullptr) {
            size_t take = std::min(in_len, kMemberInput - (pending_.size() - pending_pos_));
            pending_.append(in, take);
            *consumed = take;
            if (pending_pos_ == pending_.size())
                return true;
            decoded_.resize(kMemberOutput);
            size_t used_in = 0, used_out = 0;
            libdeflate_result rc =
                libdeflate_gzip_decompress_ex(fast_, pending_.data() + pending_pos_, pending_.size() - pending_pos_,
                                              &decoded_[0], decoded_.size(), &used_in, &used_out);
            if (rc == LIBDEFLATE_SUCCESS) {
                pending_pos_ += used_in;
                decoded_.resize(used_out);
                decoded_pos_ = 0;
                if (pending_pos_ > kMemberInput / 2) { /* keep the buffer small */
                    pending_.erase(0, pending_pos_);
                    pending_pos_ = 0;
                }
                size_t n = std::min(out_cap, decoded_.size());
                std::memcpy(out, decoded_.data(), n);
                decoded_pos_ = n;
                *produced = n;
                return true;
            }
            decoded_.clear();
            decoded_pos_ = 0;
            /* an incomplete member looks like bad data: wait for more, unless none can come */
            bool room = pending_.size() - pending_pos_ < kMemberInput;
            if (rc == LIBDEFLATE_BAD_DATA && room && !eof && take == in_len)
                return true;
            /* a member too large, or really bad data: let zlib stream it (and judge it) */
            if (!switch_to_zlib())
                return false;
        }
        if (!use_zlib_ && !switch_to_zlib())
            return false;
        /* zlib mode: what libdeflate held back goes first */
        if (pending_pos_ < pending_.size()) {
            size_t c = 0, p = 0;
            bool ok = zlib_inflate(pending_.data() + pending_pos_, pending_.size() - pending_pos_, &c, out, out_cap, &p);
            pending_pos_ += c;
            *produced = p;
            if (pending_pos_ == pending_.size()) {
                pending_.clear();
                pending_pos_ = 0;
            }
            return ok;
        }
        size_t c = 0, p = 0;
        bool ok = zlib_inflate(in + *consumed, in_len - *consumed, &c, out, out_cap, &p);
        *consumed += c;
        *produced = p;
        return ok;
    } catch (...) {
        error_ = "out of memory";
        return false;
    }
}

bool GzipReader::zlib_inflate(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                              size_t *produced) noexcept {
    *consumed = *produced = 0;
    z_stream *s = static_cast<z_stream *>(stream_);
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
        s->avail_in = static_cast<uInt>(std::min<size_t>(in_len - *consumed, 1u << 30));
        s->next_out = reinterpret_cast<Bytef *>(out + *produced);
        s->avail_out = static_cast<uInt>(std::min<size_t>(out_cap - *produced, 1u << 30));
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
