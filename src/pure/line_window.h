/*
 * The lines of a stream that begin inside a range of its offsets: what one
 * worker loads of a one-stream gzip data file cut in pieces of uncompressed
 * offsets (data_split.h).  The stream is fed in order, chunk by chunk, from
 * offset 0; each chunk's part to keep is returned.  A line begins at offset
 * 0 and after each '\n' (COPY text never holds a raw newline inside a row),
 * so pieces [0, c1), [c1, c2), ..., [ck, kToEnd) give every line to exactly
 * one of them, wherever the cuts fall.  A plain struct: it lives inside a
 * PostgreSQL-side reader.
 */
#pragma once

#include <cstddef>

namespace pd {

struct LineWindow {
    long long start;
    long long end;
    long long pos;   /* offset of the next byte fed */
    bool line_start; /* the byte at pos begins a line */
    bool in;         /* keeping bytes (the first kept line has begun) */
    bool done;       /* nothing more is kept: the reader may stop */
};

/* Lines beginning at offsets in [start, end). */
void line_window_init(LineWindow *w, long long start, long long end) noexcept;
/*
 * The next n bytes of the stream: *from and *to (from <= to <= n) bound the
 * part of buf to keep (empty when none).
 */
void line_window_take(LineWindow *w, const char *buf, size_t n, size_t *from, size_t *to) noexcept;

} // namespace pd
