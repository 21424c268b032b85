/*
 * One gzip stream inflated piece by piece, member after member (what zlib's
 * gzread does for pg_restore): with ISA-L's igzip (isal_inflate, two to three
 * times zlib's speed) when the library is built with it (PD_HAVE_ISAL), else
 * with zlib.  GzipReader hands it the members it does not decode whole
 * (pg_dump writes one member per file).  Both engines give the same bytes and
 * refuse the same damaged data; the unit tests run both.
 */
#pragma once

#include <cstddef>

namespace pd {

enum class InflateEngine { zlib, isal };

/* ISA-L when built with it, else zlib. */
InflateEngine default_inflate_engine() noexcept;
bool inflate_engine_available(InflateEngine e) noexcept;

class InflateStream {
  public:
    explicit InflateStream(InflateEngine engine) noexcept : engine_(engine) {}
    ~InflateStream();
    InflateStream(const InflateStream &) = delete;
    InflateStream &operator=(const InflateStream &) = delete;

    /* Allocates the engine's state; false (see error()) when it cannot. */
    bool start() noexcept;
    /*
     * Inflates from in[0..in_len) into out[0..out_cap); members follow one
     * another.  Call with in_len 0 too: output held back inside the engine
     * still comes out.  False on corrupt data.
     */
    bool step(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap, size_t *produced) noexcept;
    /* True when nothing was read yet, or the last member read is complete. */
    bool at_member_end() const noexcept { return member_done_ || !started_; }
    const char *error() const noexcept { return error_; }

  private:
    bool zlib_step(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                   size_t *produced) noexcept;
    bool isal_step(const char *in, size_t in_len, size_t *consumed, char *out, size_t out_cap,
                   size_t *produced) noexcept;

    InflateEngine engine_;
    void *state_ = nullptr;
    bool started_ = false;
    bool member_done_ = false;
    const char *error_ = "";
};

} // namespace pd
