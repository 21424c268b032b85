#include "copy_numbers.h"

#include <cstdint>
#include <cstring>

#include "no_postgres.h"

namespace pd {
namespace {

/* The header bits of numeric.c (stable: they are the on-disk format). */
constexpr uint16_t kSignMask = 0xC000;
constexpr uint16_t kNeg = 0x4000;
constexpr uint16_t kShort = 0x8000;
constexpr uint16_t kSpecial = 0xC000;
constexpr uint16_t kPosInf = 0xD000;
constexpr uint16_t kNegInf = 0xF000;
constexpr uint16_t kShortSign = 0x2000;
constexpr uint16_t kShortDscaleMask = 0x1F80;
constexpr int kShortDscaleShift = 7;
constexpr uint16_t kShortWeightSign = 0x0040;
constexpr uint16_t kShortWeightMask = 0x003F;
constexpr uint16_t kDscaleMask = 0x3FFF;
constexpr int kDecDigits = 4; /* decimal digits per NBASE (10000) digit */

struct Var {
    bool special;
    uint16_t header;
    bool negative;
    int weight;
    int dscale;
    const unsigned char *digits;
    int ndigits;
};

uint16_t load16(const unsigned char *p) {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

int digit(const Var &v, int i) { return (int) (int16_t) load16(v.digits + 2 * i); }

/* false if the bytes are no numeric. */
bool decode(const unsigned char *p, size_t len, Var *v) {
    if (len < 2)
        return false;
    uint16_t h = load16(p);
    v->header = h;
    v->special = (h & kSignMask) == kSpecial;
    if (v->special)
        return true;
    size_t hdr;
    if (h & kShort) {
        v->negative = (h & kShortSign) != 0;
        v->dscale = (h & kShortDscaleMask) >> kShortDscaleShift;
        v->weight = (int) ((h & kShortWeightSign) ? ~(int) kShortWeightMask : 0) | (h & kShortWeightMask);
        hdr = 2;
    } else {
        if (len < 4)
            return false;
        v->negative = (h & kSignMask) == kNeg;
        v->dscale = h & kDscaleMask;
        v->weight = (int16_t) load16(p + 2);
        hdr = 4;
    }
    if ((len - hdr) % 2 != 0)
        return false;
    v->digits = p + hdr;
    v->ndigits = (int) ((len - hdr) / 2);
    for (int i = 0; i < v->ndigits; i++) {
        int d = digit(*v, i);
        if (d < 0 || d > 9999)
            return false;
    }
    return true;
}

/* get_str_from_var's allocation: digits before the point, the scale, DEC_DIGITS-1 spare, sign, point */
size_t bound_of(const Var &v) {
    if (v.special)
        return 9; /* "-Infinity" */
    long before = (long) (v.weight + 1) * kDecDigits;
    if (before <= 0)
        before = 1;
    return (size_t) (before + v.dscale + kDecDigits + 2);
}

/* Writes the 4 decimal digits of d, or fewer when leading zeroes are suppressed. */
char *put_group(char *cp, int d, bool suppress_leading) {
    static const int kPowers[kDecDigits] = {1000, 100, 10, 1};
    bool putit = !suppress_leading;
    for (int k = 0; k < kDecDigits; k++) {
        int q = d / kPowers[k];
        d -= q * kPowers[k];
        putit |= (q > 0) || k == kDecDigits - 1;
        if (putit)
            *cp++ = (char) ('0' + q);
    }
    return cp;
}

} // namespace

void uuid_to_text(const unsigned char bytes[16], char out[kUuidTextLen]) noexcept {
    static const char kHex[] = "0123456789abcdef";
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = kHex[bytes[i] >> 4];
        *o++ = kHex[bytes[i] & 0x0F];
    }
}

size_t numeric_text_bound(const unsigned char *payload, size_t len) noexcept {
    Var v;
    return decode(payload, len, &v) ? bound_of(v) : 0;
}

/* numeric_out and get_str_from_var of PostgreSQL 15 */
size_t numeric_to_text(const unsigned char *payload, size_t len, char *out) noexcept {
    Var v;
    if (!decode(payload, len, &v))
        return 0;
    if (v.special) {
        const char *s = v.header == kPosInf ? "Infinity" : v.header == kNegInf ? "-Infinity" : "NaN";
        size_t n = std::strlen(s);
        std::memcpy(out, s, n);
        return n;
    }
    char *cp = out;
    if (v.negative)
        *cp++ = '-';
    int d;
    if (v.weight < 0) {
        d = v.weight + 1;
        *cp++ = '0';
    } else {
        for (d = 0; d <= v.weight; d++)
            cp = put_group(cp, d < v.ndigits ? digit(v, d) : 0, d == 0);
    }
    if (v.dscale > 0) {
        *cp++ = '.';
        char *end = cp + v.dscale;
        for (int i = 0; i < v.dscale; d++, i += kDecDigits)
            cp = put_group(cp, d >= 0 && d < v.ndigits ? digit(v, d) : 0, false);
        cp = end;
    }
    return (size_t) (cp - out);
}

} // namespace pd
