#include "copy_json.h"

#include <cstring>

#include "no_postgres.h"

namespace pd {

size_t copy_json_string(const char *in, size_t n, char *out) noexcept {
    static const char kHex[] = "0123456789abcdef";
    char *o = out;
    *o++ = '"';
    size_t start = 0;
    size_t i = 0;
    for (; i < n; i++) {
        unsigned char c = static_cast<unsigned char>(in[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        std::memcpy(o, in + start, i - start);
        o += i - start;
        start = i + 1;
        if (c == 0)
            break;
        /* JSON's escape, its backslash doubled for COPY */
        *o++ = '\\';
        *o++ = '\\';
        switch (c) {
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; *o++ = '\\'; break;
        default: /* escape_json's "\\u%04x" */
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = kHex[c >> 4];
            *o++ = kHex[c & 15];
            break;
        }
    }
    if (i == n) {
        std::memcpy(o, in + start, n - start);
        o += n - start;
    }
    *o++ = '"';
    return static_cast<size_t>(o - out);
}

} // namespace pd
