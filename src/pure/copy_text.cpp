#include "copy_text.h"

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

} // namespace

size_t copy_text_escape(const char *in, size_t n, char *out) noexcept {
    char *o = out;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = kEscapes.code[static_cast<unsigned char>(in[i])];
        if (c == 0)
            continue;
        std::memcpy(o, in + start, i - start);
        o += i - start;
        *o++ = '\\';
        *o++ = static_cast<char>(c);
        start = i + 1;
    }
    std::memcpy(o, in + start, n - start);
    o += n - start;
    return static_cast<size_t>(o - out);
}

} // namespace pd
