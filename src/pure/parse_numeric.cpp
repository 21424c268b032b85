/* Canonical numeric text to the numeric datum's bytes (see parse_numeric.h). */
#include "parse_numeric.h"

#include <cstring>

#include "no_postgres.h"

namespace pd {

namespace {

const size_t kMaxDigits = 1000; /* each side of the point: far below every limit of the format */
const int kDecDigits = 4;       /* decimal digits per NBASE (10000) digit */
const uint16_t kShort = 0x8000, kShortNeg = 0x2000, kShortWeightNeg = 0x0040, kShortWeightMask = 0x003F;
const int kShortDscaleShift = 7, kShortDscaleMax = 63, kShortWeightMin = -64, kShortWeightMax = 63;
const uint16_t kLongNeg = 0x4000;

bool digit(char c) noexcept { return c >= '0' && c <= '9'; }

void put16(uint8_t *out, size_t *at, uint16_t v) noexcept {
    std::memcpy(out + *at, &v, sizeof v);
    *at += sizeof v;
}

} // namespace

size_t numeric_encode(const char *s, size_t len, int precision, int scale, uint8_t *out) noexcept {
    size_t pos = 0;
    bool neg = pos < len && s[pos] == '-';
    if (neg)
        pos++;
    size_t int_start = pos;
    while (pos < len && digit(s[pos]))
        pos++;
    size_t int_end = pos, frac_start = pos, frac_end = pos;
    if (int_end == int_start)
        return 0;
    if (pos < len && s[pos] == '.') {
        frac_start = ++pos;
        while (pos < len && digit(s[pos]))
            pos++;
        frac_end = pos;
        if (frac_end == frac_start)
            return 0;
    }
    if (pos != len)
        return 0;
    while (int_start < int_end && s[int_start] == '0') /* leading zeros carry nothing */
        int_start++;
    size_t int_digits = int_end - int_start, frac_digits = frac_end - frac_start;
    if (int_digits > kMaxDigits || frac_digits > kMaxDigits)
        return 0;
    int dscale = (int) frac_digits;
    if (precision >= 0) {
        /* no rounding (at most scale fractional digits) and no overflow error: numeric_in would agree */
        if (precision < 1 || precision > 1000 || scale < 0 || scale > precision || dscale > scale ||
            int_digits > (size_t) (precision - scale))
            return 0;
        dscale = scale;
    }

    /* NBASE digits: the integer part grouped leftward from the point, the fraction rightward */
    int int_groups = (int) ((int_digits + kDecDigits - 1) / kDecDigits);
    int frac_groups = (int) ((frac_digits + kDecDigits - 1) / kDecDigits);
    uint16_t groups[2 * (kMaxDigits / kDecDigits + 1)];
    int n = 0;
    size_t first = int_digits % kDecDigits == 0 ? kDecDigits : int_digits % kDecDigits;
    for (size_t i = int_start; i < int_end;) {
        size_t take = (i == int_start) ? first : kDecDigits;
        uint16_t g = 0;
        for (size_t k = 0; k < take; k++)
            g = (uint16_t) (g * 10 + (s[i + k] - '0'));
        groups[n++] = g;
        i += take;
    }
    for (int gi = 0; gi < frac_groups; gi++) {
        uint16_t g = 0;
        for (int k = 0; k < kDecDigits; k++) {
            size_t i = frac_start + (size_t) gi * kDecDigits + k;
            g = (uint16_t) (g * 10 + (i < frac_end ? s[i] - '0' : 0));
        }
        groups[n++] = g;
    }
    int weight = int_groups - 1;
    int lo = 0;
    while (lo < n && groups[lo] == 0) { /* only fraction groups can be zero at the front */
        lo++;
        weight--;
    }
    while (n > lo && groups[n - 1] == 0)
        n--;
    int count = n - lo;
    if (count == 0) { /* zero: weight 0, positive */
        weight = 0;
        neg = false;
    }

    size_t at = 0;
    if (dscale <= kShortDscaleMax && weight >= kShortWeightMin && weight <= kShortWeightMax) {
        put16(out, &at,
              (uint16_t) (kShort | (neg ? kShortNeg : 0) | (dscale << kShortDscaleShift) |
                          (weight < 0 ? kShortWeightNeg : 0) | (weight & kShortWeightMask)));
    } else {
        put16(out, &at, (uint16_t) ((neg ? kLongNeg : 0) | dscale));
        put16(out, &at, (uint16_t) (int16_t) weight);
    }
    for (int i = lo; i < n; i++)
        put16(out, &at, groups[i]);
    return at;
}

} // namespace pd
