/*
 * Text forms of numeric and uuid values, byte-identical to PostgreSQL's
 * numeric_out and uuid_out, computed from the values' on-disk bytes into a
 * caller's buffer: no allocation, no PostgreSQL.
 */
#pragma once

#include <cstddef>

namespace pd {

/* uuid_out: 36 lower-case hex characters with dashes after bytes 4, 6, 8, 10. */
constexpr size_t kUuidTextLen = 36;
void uuid_to_text(const unsigned char bytes[16], char out[kUuidTextLen]) noexcept;

/*
 * A numeric's payload: the bytes of its varlena after the length header
 * (PostgreSQL's NumericShort/NumericLong/special layouts, native byte order,
 * any alignment).  numeric_text_bound returns the room numeric_to_text needs,
 * or 0 if the header is not one PostgreSQL could have written.
 */
size_t numeric_text_bound(const unsigned char *payload, size_t len) noexcept;

/*
 * Writes numeric_out's text (no NUL) into out, which has numeric_text_bound()
 * bytes, and returns its length; 0 if a digit is out of range (out then holds
 * garbage).  On 0 the caller leaves the value to numeric_out.
 */
size_t numeric_to_text(const unsigned char *payload, size_t len, char *out) noexcept;

} // namespace pd
