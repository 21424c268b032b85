/* copy_text_escape's 8-byte skipping against a byte-at-a-time reference. */
#include <random>
#include <string>

#include "../../src/pure/copy_text.h"
#include "unit.h"

namespace {

std::string reference_escape(const std::string &s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default: out += ch;
        }
    }
    return out;
}

std::string escape(const std::string &s) {
    std::string out(pd::copy_text_escaped_bound(s.size()), '\0');
    out.resize(pd::copy_text_escape(s.data(), s.size(), &out[0]));
    return out;
}

} // namespace

TEST(copy_text_escape_every_byte_at_every_block_offset) {
    for (int b = 0; b < 256; b++)
        for (size_t pos = 0; pos < 20; pos++) {
            std::string s(20, 'a');
            s[pos] = static_cast<char>(b);
            CHECK_EQ(escape(s), reference_escape(s));
        }
}

TEST(copy_text_escape_random_strings) {
    std::mt19937 rng(14);
    const char alphabet[] = "ab\\\t\n\r\b\f\v\x01\x0d\x0e\x7f\x80\xc3\xa9\x5b\x5d\x5c\x2c";
    int failures = 0;
    for (int round = 0; round < 20000; round++) {
        std::string s(rng() % 70, '\0');
        for (char &c : s)
            c = rng() % 4 == 0 ? alphabet[rng() % (sizeof alphabet - 1)] : static_cast<char>(rng() % 256);
        failures += escape(s) != reference_escape(s);
    }
    CHECK_EQ(failures, 0);
}
