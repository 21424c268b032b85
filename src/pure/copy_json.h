/*
 * A jsonb string as pd_dump's COPY text has it, in one pass: what jsonb_out
 * prints for it (escape_json: quoted, with \" \\ \b \f \n \r \t and \u00XX
 * for the other bytes below 0x20), then COPY TEXT's escaping of that, which
 * only doubles each backslash (JSON escaping leaves no control byte).
 */
#pragma once

#include <cstddef>

namespace pd {

/* Longest output for n input bytes: "\u001f" becomes the 7 bytes \\u001f, and the two quotes. */
constexpr size_t copy_json_string_bound(size_t n) { return 7 * n + 2; }

/*
 * Writes the quoted, escaped string into out (copy_json_string_bound(n)
 * bytes) and returns its length.  Stops at a NUL byte, as escape_json does
 * (jsonb strings hold none).
 */
size_t copy_json_string(const char *in, size_t n, char *out) noexcept;

} // namespace pd
