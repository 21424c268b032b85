/*
 * COPY TEXT escaping, byte-identical to PostgreSQL's COPY TO with the
 * default delimiter (TAB) and NULL marker (\N).
 */
#pragma once

#include <cstddef>

namespace pd {

/*
 * Escaping works byte by byte, so a value may be escaped in pieces of any
 * size: writers take kCopyEscapePiece input bytes at a time, and a value of
 * hundreds of MB never needs more than twice a piece of output buffer.
 */
constexpr size_t kCopyEscapePiece = 64 * 1024;

/* Longest output copy_text_escape can produce for n input bytes. */
constexpr size_t copy_text_escaped_bound(size_t n) { return 2 * n; }

/*
 * Escapes n bytes of one column value into out (at least
 * copy_text_escaped_bound(n) bytes) and returns the bytes written.
 */
size_t copy_text_escape(const char *in, size_t n, char *out) noexcept;

/* What pg_dump appends after the rows of every data file. */
constexpr const char kCopyDataTrailer[] = "\\.\n\n\n";

} // namespace pd
