/*
 * Streaming gunzip of a data file: concatenated gzip members, as pg_dump and
 * pd_dump write them, read as one stream (what zlib's gzread does for
 * pg_restore).  Members up to kMemberOutput bytes (pd_dump writes ~1 MB
 * ones) are decoded whole with libdeflate, about twice as fast as zlib;
 * anything else (pg_dump writes one member per file) streams through an
 * InflateStream: ISA-L's inflate when built with it, else zlib.
 * Input is untrusted: corrupt data is an error, never a crash, and memory
 * stays bounded.
 */
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "inflate_stream.h"

struct libdeflate_decompressor;

namespace pd {

class GzipReader {
  public:
    static constexpr size_t kMemberOutput = 4 * 1024 * 1024;
    static constexpr size_t kMemberInput = 8 * 1024 * 1024;

    /* engine: what streams the members not decoded whole (the unit tests pick each) */
    explicit GzipReader(InflateEngine engine = default_inflate_engine());
    ~GzipReader();
    GzipReader(const GzipReader &) = delete;
    GzipReader &operator=(const GzipReader &) = delete;

    /*
     * Takes input from in[0..in_len) (eof: no more will come) and writes up
     * to out_cap bytes.  Returns false on corrupt input (see error()).
     * *consumed and *produced say how far it got; call again with the
     * unconsumed rest, or with more input.
     */
    bool inflate(const char *in, size_t in_len, bool eof, size_t *consumed, char *out, size_t out_cap,
                 size_t *produced) noexcept;
    /* True when the input seen so far ended cleanly at a member boundary. */
    bool at_member_end() const noexcept;
    const char *error() const noexcept { return error_; }

  private:
    bool stream_inflate(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                        size_t *produced) noexcept;
    bool switch_to_stream() noexcept;

    libdeflate_decompressor *fast_ = nullptr;
    InflateEngine engine_;
    bool streaming_ = false;
    std::string pending_;   /* compressed input not decoded yet (libdeflate mode) */
    size_t pending_pos_ = 0;
    /*
     * A decoded member not handed out yet: decoded_[decoded_pos_,
     * decoded_len_).  Allocated once, uninitialized: a std::string resized
     * to kMemberOutput zero-filled 4 MB for every member, most of a
     * restore's time for many small files.
     */
    std::unique_ptr<char[]> decoded_;
    size_t decoded_len_ = 0;
    size_t decoded_pos_ = 0;
    std::unique_ptr<InflateStream> stream_;
    const char *error_ = "";
};

} // namespace pd
