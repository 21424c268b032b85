/*
 * Fast parsers for the canonical text that date_out, timestamp_out and
 * timestamptz_out write under DateStyle ISO (what pg_dump and pd_dump write):
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS[.ffffff]" and the same followed by a
 * numeric zone offset "+HH[:MM[:SS]]".  They accept only that form, for
 * years 1..9999 AD, and give exactly PostgreSQL's values (days, or
 * microseconds, since 2000-01-01, the zone offset applied); anything else
 * (BC, infinity, other styles, spaces, zone names, 24:00:00, a leap second,
 * more than six fractional digits) returns false and the caller hands the
 * text to PostgreSQL's own input function.
 */
#pragma once

#include <cstddef>
#include <cstdint>

namespace pd {

/* Julian day number of a Gregorian date, PostgreSQL's date2j */
int32_t julian_day(int year, int month, int day) noexcept;

/* date: days since 2000-01-01 */
bool parse_iso_date(const char *s, size_t len, int32_t *days) noexcept;
/* timestamp without time zone: microseconds since 2000-01-01 00:00:00 */
bool parse_iso_timestamp(const char *s, size_t len, int64_t *usecs) noexcept;
/* timestamp with time zone: microseconds since 2000-01-01 00:00:00 UTC */
bool parse_iso_timestamptz(const char *s, size_t len, int64_t *usecs) noexcept;

} // namespace pd
