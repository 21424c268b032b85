/*
 * Streaming gunzip of a data file: concatenated gzip members, as pg_dump and
 * pd_dump write them, read as one stream (what zlib's gzread does for
 * pg_restore).  Input is untrusted: corrupt data is an error, never a crash.
 */
#pragma once

#include <cstddef>
#include <string>

namespace pd {

class GzipReader {
  public:
    GzipReader();
    ~GzipReader();
    GzipReader(const GzipReader &) = delete;
    GzipReader &operator=(const GzipReader &) = delete;

    /*
     * Consumes from in[0..in_len) and writes up to out_cap bytes; returns
     * false on corrupt input (see error()).  *consumed and *produced say
     * how far it got; call again with the unconsumed rest and more input.
     */
    bool inflate(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap, size_t *produced) noexcept;
    /* True when the input seen so far ended cleanly at a member boundary. */
    bool at_member_end() const noexcept { return member_done_ || !started_; }
    const char *error() const noexcept { return error_; }

  private:
    void *stream_;
    bool started_ = false;
    bool member_done_ = false;
    const char *error_ = "";
};

} // namespace pd
