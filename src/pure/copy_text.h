/*
 * COPY TEXT escaping, byte-identical to PostgreSQL's COPY TO with the
 * default delimiter (TAB) and NULL marker (\N).
 */
#pragma once

#include <cstddef>

namespace pd {

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
