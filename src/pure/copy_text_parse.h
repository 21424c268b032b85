/*
 * COPY's text format (tab delimiter, \N for NULL: what pg_dump writes) parsed
 * exactly as PostgreSQL 15's COPY FROM parses it, for pd_restore's loader of
 * plain tables (src/pg/copy_loader.cpp): where a line ends (a newline; a
 * backslash takes the next byte with it; "\." ends the data), and the line's
 * fields with their escapes (\b \f \n \r \t \v, octal \ooo, hex \xhh, any
 * other byte after a backslash stands for itself).  Only newline-terminated
 * data: a first line that ends in a carriage return is left to COPY itself
 * (copy_find_line says so before anything is loaded).  Plain functions over
 * the caller's buffers: no allocation, no exception; 16 bytes at a time
 * where SSE2 is there.
 */
#pragma once

#include <cstddef>

namespace pd {

enum CopyLineStatus {
    COPY_LINE,               /* a line [0, *line_len); the next begins at *next */
    COPY_LINE_MARKED,        /* a line [0, *line_len) ended by "\." (COPY reads on after it; the newline
                              * style stays unknown if it was) */
    COPY_LINE_LAST,          /* the data ends ("\." at a line's start, or the end of input) after the line
                              * [0, *line_len); no row when 0 */
    COPY_LINE_MORE,          /* not complete: add input and call again from *next */
    COPY_LINE_NOT_NEWLINE,   /* the first line ends in "\r": COPY's own parser must read this input */
    COPY_LINE_LITERAL_CR,    /* COPY: "literal carriage return found in data" */
    COPY_LINE_MARKER_CORRUPT, /* COPY: "end-of-copy marker corrupt" */
    COPY_LINE_MARKER_STYLE,  /* COPY: "end-of-copy marker does not match previous newline style" */
};

/*
 * The line beginning at p[0], of the n bytes there, scanned from offset from
 * (0, or the *next of a COPY_LINE_MORE answer for the same line); eof: no
 * more input follows the n bytes; first_line: no line ended yet (COPY does
 * not know the newline style then).
 */
CopyLineStatus copy_find_line(const char *p, size_t n, size_t from, bool eof, bool first_line, size_t *line_len,
                              size_t *next) noexcept;

/*
 * Splits the line [p, p + len) (without its newline) at tabs and writes the
 * fields de-escaped, each ended by '\0', to out (room for len + 1 bytes).
 * fields[i] points into out, or is NULL for \N, lengths[i] is its length
 * (an escape may have put a '\0' inside); verify[i] is true when an octal or
 * hex escape made a zero or non-ASCII byte there (COPY checks such a field's
 * encoding).  fields, lengths and verify have room for max_fields + 1 entries;
 * the count of fields is returned, max_fields + 1 when there are more than
 * max_fields (COPY: "extra data after last expected column").
 */
int copy_split_fields(const char *p, size_t len, char *out, char **fields, size_t *lengths, bool *verify,
                      int max_fields) noexcept;

} // namespace pd
