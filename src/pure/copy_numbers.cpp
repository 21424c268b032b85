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

/* false if the header is no numeric's. */
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
    return true; /* the digits are checked as they are printed */
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

/* "00".."99" */
struct DigitPairs {
    char text[200];
    constexpr DigitPairs() : text() {
        for (int i = 0; i < 100; i++) {
            text[2 * i] = (char) ('0' + i / 10);
            text[2 * i + 1] = (char) ('0' + i % 10);
        }
    }
};
constexpr DigitPairs kPairs;

/* The 4 decimal digits of an NBASE digit (0..9999). */
inline char *put_group(char *cp, int d) {
    int hi = d / 100;
    std::memcpy(cp, kPairs.text + 2 * hi, 2);
    std::memcpy(cp + 2, kPairs.text + 2 * (d - 100 * hi), 2);
    return cp + 4;
}

/* The first NBASE digit, without its leading zeroes (but "0" for 0). */
inline char *put_leading_group(char *cp, int d) {
    if (d >= 1000)
        return put_group(cp, d);
    if (d >= 100) {
        *cp++ = (char) ('0' + d / 100);
        d %= 100;
    } else if (d < 10) {
        *cp++ = (char) ('0' + d);
        return cp;
    }
    std::memcpy(cp, kPairs.text + 2 * d, 2);
    return cp + 2;
}

inline bool valid_digit(int d) { return d >= 0 && d <= 9999; }

/* "00".."ff" */
struct HexPairs {
    char text[512];
    constexpr HexPairs() : text() {
        const char hex[] = "0123456789abcdef";
        for (int i = 0; i < 256; i++) {
            text[2 * i] = hex[i >> 4];
            text[2 * i + 1] = hex[i & 0x0F];
        }
    }
};
constexpr HexPairs kHexPairs;

} // namespace

void uuid_to_text(const unsigned char bytes[16], char out[kUuidTextLen]) noexcept {
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        std::memcpy(o, kHexPairs.text + 2 * bytes[i], 2);
        o += 2;
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
        for (d = 0; d <= v.weight; d++) {
            int dig = d < v.ndigits ? digit(v, d) : 0;
            if (!valid_digit(dig))
                return 0;
            cp = d == 0 ? put_leading_group(cp, dig) : put_group(cp, dig);
        }
    }
    if (v.dscale > 0) {
        *cp++ = '.';
        char *end = cp + v.dscale;
        for (int i = 0; i < v.dscale; d++, i += kDecDigits) {
            int dig = d >= 0 && d < v.ndigits ? digit(v, d) : 0;
            if (!valid_digit(dig))
                return 0;
            cp = put_group(cp, dig);
        }
        cp = end;
    }
    return (size_t) (cp - out);
}

} // namespace pd
