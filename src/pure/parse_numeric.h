/*
 * A fast parser for the canonical text numeric_out writes ("-123.4500":
 * an optional minus, digits, optionally a point and digits), straight into
 * the bytes of PostgreSQL's numeric datum after its varlena header, exactly
 * as numeric_in would make them: base-10000 digits aligned on the point,
 * leading and trailing zero digits stripped, weight, display scale (the
 * typmod's scale when there is one), the short header when it fits.  With a
 * typmod it takes only values that need no rounding and fit the precision;
 * anything else (NaN, Infinity, exponents, spaces, '+', a lone point, more
 * than 1000 digits, a negative or oversized typmod scale) returns 0 and the
 * caller uses numeric_in.
 */
#pragma once

#include <cstddef>
#include <cstdint>

namespace pd {

/* Most payload bytes numeric_encode writes for text of len bytes. */
inline size_t numeric_encode_bound(size_t len) noexcept { return 4 + 2 * (len / 4 + 3); }

/*
 * Writes the datum's payload (what follows the 4-byte varlena header) into
 * out (at least numeric_encode_bound(len) bytes); returns its size, or 0
 * when the text is not one the fast path takes.  precision/scale: the
 * column's typmod decoded, precision < 0 for none.
 */
size_t numeric_encode(const char *s, size_t len, int precision, int scale, uint8_t *out) noexcept;

} // namespace pd
