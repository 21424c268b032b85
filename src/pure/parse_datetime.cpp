/* Canonical ISO date/timestamp text to PostgreSQL's values (see parse_datetime.h). */
#include "parse_datetime.h"

#include "no_postgres.h"

namespace pd {

namespace {

const int32_t kPostgresEpochJdate = 2451545; /* date2j(2000, 1, 1) */
const int64_t kUsecsPerSec = 1000000;
const int64_t kUsecsPerDay = INT64_C(86400000000);

/* exactly n digits at s[pos..]: their value, pos advanced; -1 when not */
int digits(const char *s, size_t len, size_t *pos, int n) noexcept {
    if (*pos + n > len)
        return -1;
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = s[*pos + i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *pos += n;
    return v;
}

bool leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) noexcept {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

/* "YYYY-MM-DD" at s[*pos..]: days since 2000-01-01 */
bool date_part(const char *s, size_t len, size_t *pos, int32_t *days) noexcept {
    int y = digits(s, len, pos, 4);
    if (y < 1 || *pos >= len || s[(*pos)++] != '-')
        return false;
    int m = digits(s, len, pos, 2);
    if (m < 1 || m > 12 || *pos >= len || s[(*pos)++] != '-')
        return false;
    int d = digits(s, len, pos, 2);
    if (d < 1 || d > days_in_month(y, m))
        return false;
    *days = julian_day(y, m, d) - kPostgresEpochJdate;
    return true;
}

/* " HH:MM:SS[.f{1,6}]" at s[*pos..]: microseconds since midnight */
bool time_part(const char *s, size_t len, size_t *pos, int64_t *usecs) noexcept {
    if (*pos >= len || s[(*pos)++] != ' ')
        return false;
    int h = digits(s, len, pos, 2);
    if (h < 0 || h > 23 || *pos >= len || s[(*pos)++] != ':')
        return false;
    int mi = digits(s, len, pos, 2);
    if (mi < 0 || mi > 59 || *pos >= len || s[(*pos)++] != ':')
        return false;
    int sec = digits(s, len, pos, 2);
    if (sec < 0 || sec > 59)
        return false;
    int64_t frac = 0;
    if (*pos < len && s[*pos] == '.') {
        (*pos)++;
        int n = 0;
        while (*pos < len && s[*pos] >= '0' && s[*pos] <= '9' && n < 7) {
            frac = frac * 10 + (s[*pos] - '0');
            (*pos)++;
            n++;
        }
        if (n == 0 || n > 6) /* more digits are rounded by PostgreSQL: its own function does it */
            return false;
        for (; n < 6; n++)
            frac *= 10;
    }
    *usecs = ((h * INT64_C(60) + mi) * 60 + sec) * kUsecsPerSec + frac;
    return true;
}

/* "+HH[:MM[:SS]]" or "-..." at s[*pos..] to its end: seconds east of UTC */
bool zone_part(const char *s, size_t len, size_t *pos, int32_t *east) noexcept {
    if (*pos >= len || (s[*pos] != '+' && s[*pos] != '-'))
        return false;
    int sign = s[(*pos)++] == '-' ? -1 : 1;
    int h = digits(s, len, pos, 2), mi = 0, sec = 0;
    if (h < 0 || h > 15) /* PostgreSQL's MAX_TZDISP_HOUR */
        return false;
    if (*pos < len && s[*pos] == ':') {
        (*pos)++;
        mi = digits(s, len, pos, 2);
        if (mi < 0 || mi > 59)
            return false;
        if (*pos < len && s[*pos] == ':') {
            (*pos)++;
            sec = digits(s, len, pos, 2);
            if (sec < 0 || sec > 59)
                return false;
        }
    }
    *east = sign * ((h * 60 + mi) * 60 + sec);
    return *pos == len;
}

} // namespace

int32_t julian_day(int y, int m, int d) noexcept {
    int julian, century;
    if (m > 2) {
        m += 1;
        y += 4800;
    } else {
        m += 13;
        y += 4799;
    }
    century = y / 100;
    julian = y * 365 - 32167;
    julian += y / 4 - century + century / 4;
    julian += 7834 * m / 256 + d;
    return julian;
}

bool parse_iso_date(const char *s, size_t len, int32_t *days) noexcept {
    size_t pos = 0;
    return date_part(s, len, &pos, days) && pos == len;
}

bool parse_iso_timestamp(const char *s, size_t len, int64_t *usecs) noexcept {
    size_t pos = 0;
    int32_t days;
    int64_t t;
    if (!date_part(s, len, &pos, &days) || !time_part(s, len, &pos, &t) || pos != len)
        return false;
    *usecs = days * kUsecsPerDay + t;
    return true;
}

bool parse_iso_timestamptz(const char *s, size_t len, int64_t *usecs) noexcept {
    size_t pos = 0;
    int32_t days, east;
    int64_t t;
    if (!date_part(s, len, &pos, &days) || !time_part(s, len, &pos, &t) || !zone_part(s, len, &pos, &east))
        return false;
    *usecs = days * kUsecsPerDay + t - east * kUsecsPerSec;
    return true;
}

} // namespace pd
