#include "line_window.h"

#include <cstring>

#include "no_postgres.h"

namespace pd {

void line_window_init(LineWindow *w, long long start, long long end) noexcept {
    w->start = start < 0 ? 0 : start;
    w->end = end;
    w->pos = 0;
    w->line_start = true;
    w->in = false;
    w->done = end <= w->start;
}

namespace {

/* Index of the first line start at or after index i (i <= n) of buf, n when none in buf. */
size_t line_start_from(const LineWindow *w, const char *buf, size_t n, size_t i) {
    if (i == 0 ? w->line_start : buf[i - 1] == '\n')
        return i;
    if (i >= n)
        return n;
    const char *nl = (const char *) memchr(buf + i, '\n', n - i);
    return nl ? (size_t) (nl - buf) + 1 : n;
}

/* The byte at n (past buf) begins a line. */
bool ends_line(const LineWindow *w, const char *buf, size_t n) { return n == 0 ? w->line_start : buf[n - 1] == '\n'; }

} // namespace

void line_window_take(LineWindow *w, const char *buf, size_t n, size_t *from, size_t *to) noexcept {
    *from = *to = 0;
    if (w->done || n == 0)
        return;
    size_t first = 0;
    if (!w->in) {
        if (w->pos + (long long) n <= w->start) {
            w->line_start = ends_line(w, buf, n);
            w->pos += (long long) n;
            return;
        }
        first = line_start_from(w, buf, n, (size_t) (w->start - w->pos > 0 ? w->start - w->pos : 0));
        if (first == n && !ends_line(w, buf, n)) { /* the line crossing start goes on */
            w->line_start = false;
            w->pos += (long long) n;
            return;
        }
        if (w->pos + (long long) first >= w->end) { /* no line begins inside the range */
            w->done = true;
            return;
        }
        if (first == n) { /* the first line to keep begins with the next chunk */
            w->line_start = true;
            w->pos += (long long) n;
            return;
        }
        w->in = true;
    }
    /* keep up to the first line start at or after end */
    size_t last = n;
    if (w->end - w->pos <= (long long) n) {
        size_t at_end = w->end - w->pos > (long long) first ? (size_t) (w->end - w->pos) : first;
        size_t stop = line_start_from(w, buf, n, at_end);
        if (stop < n || ends_line(w, buf, n)) {
            last = stop;
            w->done = true;
        }
    }
    *from = first;
    *to = last;
    w->line_start = ends_line(w, buf, n);
    w->pos += (long long) n;
}

} // namespace pd
