/* COPY text lines and fields, as COPY FROM reads them (copy_text_parse.h). */
#include "copy_text_parse.h"

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "no_postgres.h"

namespace pd {

namespace {

/* The offset of the first byte of [i, n) that is a or b or c, or n. */
inline size_t find_any3(const char *p, size_t i, size_t n, char a, char b, char c) {
#ifdef __SSE2__
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
    while (i + 16 <= n) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
        int bits = _mm_movemask_epi8(m);
        if (bits != 0)
            return i + __builtin_ctz(bits);
        i += 16;
    }
#endif
    for (; i < n; i++)
        if (p[i] == a || p[i] == b || p[i] == c)
            return i;
    return n;
}

inline bool is_octal(char c) { return c >= '0' && c <= '7'; }

inline int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

CopyLineStatus copy_find_line(const char *p, size_t n, size_t from, bool eof, bool first_line, size_t *line_len,
                              size_t *next) noexcept {
    size_t i = from;
    for (;;) {
        i = find_any3(p, i, n, '\n', '\\', '\r');
        if (i == n) {
            if (!eof) {
                *next = n;
                return COPY_LINE_MORE;
            }
            *line_len = n; /* the input ends the line */
            *next = n;
            return COPY_LINE_LAST;
        }
        char c = p[i];
        if (c == '\n') {
            *line_len = i;
            *next = i + 1;
            return COPY_LINE;
        }
        if (c == '\r')
            return first_line ? COPY_LINE_NOT_NEWLINE : COPY_LINE_LITERAL_CR;
        /* a backslash: the byte after it is not a line end, unless it makes "\." */
        if (i + 1 >= n) {
            if (!eof) {
                *next = i;
                return COPY_LINE_MORE;
            }
            *line_len = n; /* a backslash ends the input: the line ends with it */
            *next = n;
            return COPY_LINE_LAST;
        }
        if (p[i + 1] != '.') {
            i += 2;
            continue;
        }
        if (i + 2 >= n && !eof) {
            *next = i;
            return COPY_LINE_MORE;
        }
        char after = i + 2 < n ? p[i + 2] : '\0';
        if (after != '\r' && after != '\n')
            return COPY_LINE_MARKER_CORRUPT;
        /* the newline style is known (newline) once a line has ended */
        if (!first_line && after != '\n')
            return COPY_LINE_MARKER_STYLE;
        /* "\." alone ends the data; after other text on its line, it ends that line */
        *line_len = i;
        *next = i + 3;
        return i == 0 ? COPY_LINE_LAST : COPY_LINE_MARKED;
    }
}

int copy_split_fields(const char *p, size_t len, char *out, char **fields, size_t *lengths, bool *verify,
                      int max_fields) noexcept {
    size_t i = 0;
    char *o = out;
    int count = 0;
    for (;;) {
        size_t start = i;
        char *field = o;
        bool non_ascii = false;
        bool found_tab = false;
        size_t raw_end = len; /* where the raw field ends (COPY compares it with \N) */
        for (;;) {
            size_t j = find_any3(p, i, len, '\t', '\\', '\t');
            std::memcpy(o, p + i, j - i);
            o += j - i;
            i = j;
            if (i >= len)
                break;
            if (p[i] == '\t') {
                raw_end = i++;
                found_tab = true;
                break;
            }
            /* a backslash */
            if (i + 1 >= len) {
                raw_end = i++; /* a backslash at the end of the line stands for nothing */
                break;
            }
            i++;
            char c = p[i++];
            switch (c) {
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                int v = c - '0';
                if (i < len && is_octal(p[i])) {
                    v = (v << 3) + (p[i++] - '0');
                    if (i < len && is_octal(p[i]))
                        v = (v << 3) + (p[i++] - '0');
                }
                c = static_cast<char>(v & 0377);
                if (c == '\0' || (static_cast<unsigned char>(c) & 0x80))
                    non_ascii = true;
                break;
            }
            case 'x':
                if (i < len && hex_value(p[i]) >= 0) {
                    int v = hex_value(p[i++]);
                    if (i < len && hex_value(p[i]) >= 0)
                        v = (v << 4) + hex_value(p[i++]);
                    c = static_cast<char>(v & 0xff);
                    if (c == '\0' || (static_cast<unsigned char>(c) & 0x80))
                        non_ascii = true;
                }
                break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'v': c = '\v'; break;
            default: break; /* the byte itself */
            }
            *o++ = c;
        }
        size_t raw_len = raw_end - start;
        *o++ = '\0';
        if (count <= max_fields) {
            bool is_null = raw_len == 2 && p[start] == '\\' && p[start + 1] == 'N';
            fields[count] = is_null ? nullptr : field;
            lengths[count] = is_null ? 0 : static_cast<size_t>(o - 1 - field);
            verify[count] = non_ascii && !is_null;
        }
        count++;
        if (!found_tab || count > max_fields)
            return count > max_fields ? max_fields + 1 : count;
    }
}

} // namespace pd
