#include "gzip_reader.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstring>
#include <new>

#include "no_postgres.h"

namespace pd {

GzipReader::GzipReader(InflateEngine engine) : engine_(engine) { fast_ = libdeflate_alloc_decompressor(); }

GzipReader::~GzipReader() {
    if (fast_)
        libdeflate_free_decompressor(fast_);
}

bool GzipReader::at_member_end() const noexcept {
    if (!streaming_)
        return pending_pos_ == pending_.size() && decoded_pos_ == decoded_len_;
    return stream_->at_member_end();
}

bool GzipReader::switch_to_stream() noexcept {
    stream_.reset(new (std::nothrow) InflateStream(engine_));
    if (!stream_ || !stream_->start()) {
        error_ = stream_ ? stream_->error() : "out of memory";
        stream_.reset();
        return false;
    }
    streaming_ = true;
    return true;
}

bool GzipReader::inflate(const char *in, size_t in_len, bool eof, size_t *consumed, char *out, size_t out_cap,
                         size_t *produced) noexcept {
    *consumed = *produced = 0;
    /* first hand out what is decoded already */
    if (decoded_pos_ < decoded_len_) {
        size_t n = std::min(out_cap, decoded_len_ - decoded_pos_);
        std::memcpy(out, decoded_.get() + decoded_pos_, n);
        decoded_pos_ += n;
        *produced = n;
        return true;
    }
    try {
        if (!streaming_ && fast_ != nullptr) {
            size_t take = std::min(in_len, kMemberInput - (pending_.size() - pending_pos_));
            pending_.append(in, take);
            *consumed = take;
            if (pending_pos_ == pending_.size())
                return true;
            if (!decoded_)
                decoded_.reset(new char[kMemberOutput]);
            size_t used_in = 0, used_out = 0;
            libdeflate_result rc =
                libdeflate_gzip_decompress_ex(fast_, pending_.data() + pending_pos_, pending_.size() - pending_pos_,
                                              decoded_.get(), kMemberOutput, &used_in, &used_out);
            if (rc == LIBDEFLATE_SUCCESS) {
                pending_pos_ += used_in;
                decoded_len_ = used_out;
                decoded_pos_ = 0;
                if (pending_pos_ > kMemberInput / 2) { /* keep the buffer small */
                    pending_.erase(0, pending_pos_);
                    pending_pos_ = 0;
                }
                size_t n = std::min(out_cap, decoded_len_);
                std::memcpy(out, decoded_.get(), n);
                decoded_pos_ = n;
                *produced = n;
                return true;
            }
            decoded_len_ = decoded_pos_ = 0;
            /* an incomplete member looks like bad data: wait for more, unless none can come */
            bool room = pending_.size() - pending_pos_ < kMemberInput;
            if (rc == LIBDEFLATE_BAD_DATA && room && !eof && take == in_len)
                return true;
            /* a member too large, or really bad data: stream it (and let the stream judge it) */
            if (!switch_to_stream())
                return false;
        }
        if (!streaming_ && !switch_to_stream())
            return false;
        /* streaming: what libdeflate held back goes first */
        if (pending_pos_ < pending_.size()) {
            size_t c = 0, p = 0;
            bool ok = stream_inflate(pending_.data() + pending_pos_, pending_.size() - pending_pos_, &c, out, out_cap, &p);
            pending_pos_ += c;
            *produced = p;
            if (pending_pos_ == pending_.size()) {
                pending_.clear();
                pending_pos_ = 0;
            }
            return ok;
        }
        size_t c = 0, p = 0;
        bool ok = stream_inflate(in + *consumed, in_len - *consumed, &c, out, out_cap, &p);
        *consumed += c;
        *produced = p;
        return ok;
    } catch (...) {
        error_ = "out of memory";
        return false;
    }
}

bool GzipReader::stream_inflate(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                                size_t *produced) noexcept {
    bool ok = stream_->step(in, in_len, consumed, out, out_cap, produced);
    if (!ok)
        error_ = stream_->error();
    return ok;
}

} // namespace pd
