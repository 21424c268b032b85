/* numeric and uuid text forms computed from on-disk bytes. */
#include <cstdint>
#include <cstring>

#include "../../src/pure/copy_numbers.h"
#include "unit.h"

using namespace pd;

namespace {

std::string payload(std::initializer_list<uint16_t> words) {
    std::string p;
    for (uint16_t w : words)
        p.append(reinterpret_cast<const char *>(&w), sizeof w);
    return p;
}

/* NumericShort: sign, dscale (0..63), weight (-64..63), NBASE digits */
std::string short_num(bool neg, int dscale, int weight, std::initializer_list<uint16_t> digits) {
    uint16_t h = 0x8000 | (neg ? 0x2000 : 0) | (uint16_t) (dscale << 7) | (weight < 0 ? 0x40 : 0) |
                 (uint16_t) (weight & 0x3F);
    return payload({h}) + payload(digits);
}

/* NumericLong */
std::string long_num(bool neg, int dscale, int16_t weight, std::initializer_list<uint16_t> digits) {
    return payload({(uint16_t) ((neg ? 0x4000 : 0) | dscale), (uint16_t) weight}) + payload(digits);
}

std::string text(const std::string &p) {
    const unsigned char *b = reinterpret_cast<const unsigned char *>(p.data());
    size_t bound = numeric_text_bound(b, p.size());
    if (bound == 0)
        return "<invalid>";
    std::string out(bound, '\0');
    size_t n = numeric_to_text(b, p.size(), &out[0]);
    CHECK(n <= bound);
    if (n == 0)
        return "<invalid>";
    out.resize(n);
    return out;
}

} // namespace

TEST(numeric_text_short_and_long_forms) {
    CHECK_EQ(text(short_num(false, 0, 0, {})), std::string("0"));
    CHECK_EQ(text(short_num(false, 2, 0, {})), std::string("0.00"));
    CHECK_EQ(text(short_num(false, 3, 1, {1, 2345, 6780})), std::string("12345.678"));
    CHECK_EQ(text(short_num(true, 4, -1, {1})), std::string("-0.0001"));
    CHECK_EQ(text(short_num(false, 8, -2, {1234})), std::string("0.00001234"));
    CHECK_EQ(text(short_num(false, 0, 5, {1})), std::string("100000000000000000000"));
    CHECK_EQ(text(short_num(true, 0, 0, {42})), std::string("-42"));
    CHECK_EQ(text(short_num(false, 1, 0, {9999, 9000})), std::string("9999.9"));
    CHECK_EQ(text(short_num(false, 0, 1, {5, 7})), std::string("50007"));
    CHECK_EQ(text(short_num(false, 0, 0, {123})), std::string("123"));
    CHECK_EQ(text(short_num(false, 0, 0, {1000})), std::string("1000"));
    CHECK_EQ(text(short_num(false, 0, 0, {10})), std::string("10"));
    CHECK_EQ(text(short_num(false, 0, 0, {9})), std::string("9"));
    CHECK_EQ(text(short_num(false, 6, 0, {0, 10, 5000})), std::string("0.001050"));
    CHECK_EQ(text(long_num(false, 70, 0, {1})), "1." + std::string(70, '0'));
    CHECK_EQ(text(long_num(true, 0, 100, {7})), "-7" + std::string(400, '0'));
    CHECK_EQ(text(long_num(false, 0, 200, {12})), "12" + std::string(800, '0'));
    CHECK_EQ(text(long_num(false, 2, -100, {5})), std::string("0.00"));
}

TEST(numeric_text_specials) {
    CHECK_EQ(text(payload({0xC000})), std::string("NaN"));
    CHECK_EQ(text(payload({0xD000})), std::string("Infinity"));
    CHECK_EQ(text(payload({0xF000})), std::string("-Infinity"));
}

TEST(numeric_text_rejects_what_is_no_numeric) {
    CHECK_EQ(text(std::string("\x01", 1)), std::string("<invalid>"));
    CHECK_EQ(text(payload({0x0000})), std::string("<invalid>"));     /* long form without its weight */
    CHECK_EQ(text(short_num(false, 0, 0, {10000})), std::string("<invalid>"));
    CHECK_EQ(text(short_num(false, 4, 0, {1, 0xFFFF})), std::string("<invalid>"));
    CHECK_EQ(text(short_num(false, 0, 0, {1, 0xFFFF})), std::string("1")); /* an unprinted digit */
    CHECK_EQ(text(short_num(false, 0, 0, {1}) + "x"), std::string("<invalid>"));
}

TEST(numeric_text_unaligned_payload) {
    std::string p = "x" + short_num(false, 2, 0, {12, 3400});
    const unsigned char *b = reinterpret_cast<const unsigned char *>(p.data()) + 1;
    char out[32];
    CHECK(numeric_text_bound(b, p.size() - 1) <= sizeof out);
    CHECK_EQ(std::string(out, numeric_to_text(b, p.size() - 1, out)), std::string("12.34"));
}

TEST(uuid_text_like_uuid_out) {
    const unsigned char b[16] = {0xa0, 0xee, 0xbc, 0x99, 0x9c, 0x0b, 0x4e, 0xf8,
                                 0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11};
    char out[kUuidTextLen];
    uuid_to_text(b, out);
    CHECK_EQ(std::string(out, kUuidTextLen), std::string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    const unsigned char z[16] = {};
    uuid_to_text(z, out);
    CHECK_EQ(std::string(out, kUuidTextLen), std::string("00000000-0000-0000-0000-000000000000"));
}
