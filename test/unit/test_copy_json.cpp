/* Unit tests of the one-pass jsonb string escape for COPY text (src/pure/copy_json.h). */
#include "../../src/pure/copy_json.h"
#include "../../src/pure/copy_text.h"
#include "unit.h"

#include <cstdio>
#include <string>

using namespace pd;

namespace {

/* PostgreSQL 15's escape_json (json.c), then COPY TEXT's escaping of the result. */
std::string reference(const std::string &s) {
    std::string json = "\"";
    for (char ch : s) {
        if (ch == '\0')
            break;
        switch (ch) {
        case '\b': json += "\\b"; break;
        case '\f': json += "\\f"; break;
        case '\n': json += "\\n"; break;
        case '\r': json += "\\r"; break;
        case '\t': json += "\\t"; break;
        case '"': json += "\\\""; break;
        case '\\': json += "\\\\"; break;
        default:
            if (static_cast<unsigned char>(ch) < ' ') {
                char u[8];
                snprintf(u, sizeof u, "\\u%04x", (int) ch);
                json += u;
            } else
                json += ch;
        }
    }
    json += '"';
    std::string out(copy_text_escaped_bound(json.size()), '\0');
    out.resize(copy_text_escape(json.data(), json.size(), &out[0]));
    return out;
}

std::string fused(const std::string &s) {
    std::string out(copy_json_string_bound(s.size()), '\0');
    out.resize(copy_json_string(s.data(), s.size(), &out[0]));
    return out;
}

} // namespace

TEST(copy_json_string_is_escape_json_then_copy_escaping) {
    CHECK_EQ(fused(""), std::string("\"\""));
    CHECK_EQ(fused("SKU-42"), std::string("\"SKU-42\""));
    CHECK_EQ(fused("a\"b\\c"), std::string("\"a\\\\\"b\\\\\\\\c\""));
    CHECK_EQ(fused("\x1f"), std::string("\"\\\\u001f\""));
    CHECK_EQ(fused(std::string("ab\0cd", 5)), std::string("\"ab\""));
    /* every byte value alone, then all of them in one string, then at every position of a long one */
    std::string all;
    for (int c = 1; c < 256; c++) {
        std::string one(1, static_cast<char>(c));
        CHECK_EQ(fused(one), reference(one));
        all += one;
    }
    CHECK_EQ(fused(all), reference(all));
    CHECK(fused(all).size() <= copy_json_string_bound(all.size()));
    std::string worst(100, '\x01');
    CHECK_EQ(fused(worst).size(), copy_json_string_bound(worst.size()));
    for (size_t pos = 0; pos < 40; pos++) {
        std::string s = "plain text \xc3\xa9 and more plain text here.";
        s[pos % s.size()] = "\t\n\\\"\x01\x7f\b"[pos % 7];
        CHECK_EQ(fused(s), reference(s));
    }
}
