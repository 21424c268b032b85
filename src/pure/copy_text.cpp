#include "copy_text.h"

#include <cstdint>
#include <cstring>

#include "no_postgres.h"

namespace pd {
namespace {

/* 0 = copy unchanged, otherwise the letter that follows the backslash. */
struct EscapeTable {
    unsigned char code[256];
    constexpr EscapeTable() : code() {
        code[static_cast<unsigned char>('\\')] = '\\';
        code[static_cast<unsigned char>('\b')] = 'b';
        code[static_cast<unsigned char>('\f')] = 'f';
        code[static_cast<unsigned char>('\n')] = 'n';
        code[static_cast<unsigned char>('\r')] = 'r';
        code[static_cast<unsigned char>('\t')] = 't';
        code[static_cast<unsigned char>('\v')] = 'v';
    }
};
constexpr EscapeTable kEscapes;

/* true if none of the 8 bytes of x is below 14 (\b..\r lie there) or a backslash */
inline bool block_is_plain(uint64_t x) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    uint64_t below = (x - kOnes * 14) & ~x & kHigh;
    uint64_t y = x ^ (kOnes * '\\');
    uint64_t backslash = (y - kOnes) & ~y & kHigh;
    return (below | backslash) == 0;
}

} // namespace

size_t copy_text_escape(const char *in, size_t n, char *out) noexcept {
    char *o = out;
    size_t start = 0;
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) { /* skip plain 8-byte blocks; check the others byte by byte */
            uint64_t x;
            std::memcpy(&x, in + i, sizeof x);
            if (block_is_plain(x)) {
                i += 8;
                continue;
            }
        }
        size_t end = i + 8 <= n ? i + 8 : n;
        for (; i < end; i++) {
            unsigned char c = kEscapes.code[static_cast<unsigned char>(in[i])];
            if (c == 0)
                continue;
            std::memcpy(o, in + start, i - start);
            o += i - start;
            *o++ = '\\';
            *o++ = static_cast<char>(c);
            start = i + 1;
        }
    }
    std::memcpy(o, in + start, n - start);
    o += n - start;
    return static_cast<size_t>(o - out);
}

} // namespace pd
