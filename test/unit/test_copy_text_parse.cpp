/* COPY text lines and fields against a byte-at-a-time model of COPY FROM's parser. */
#include <random>
#include <string>
#include <vector>

#include "../../src/pure/copy_text_parse.h"
#include "unit.h"

using namespace pd;

namespace {

/* A field as the model reads it: null, or its de-escaped bytes and whether COPY verifies its encoding. */
struct Field {
    bool null;
    std::string value;
    bool verify;
    bool operator==(const Field &o) const { return null == o.null && value == o.value && verify == o.verify; }
};

/* COPY's CopyReadAttributesText, one byte at a time. */
std::vector<Field> model_fields(const std::string &line) {
    std::vector<Field> out;
    size_t i = 0;
    for (;;) {
        size_t start = i, end = line.size();
        std::string v;
        bool verify = false, tab = false;
        for (;;) {
            end = i;
            if (i >= line.size())
                break;
            char c = line[i++];
            if (c == '\t') {
                tab = true;
                break;
            }
            if (c == '\\') {
                if (i >= line.size())
                    break;
                c = line[i++];
                if (c >= '0' && c <= '7') {
                    int val = c - '0';
                    if (i < line.size() && line[i] >= '0' && line[i] <= '7') {
                        val = val * 8 + (line[i++] - '0');
                        if (i < line.size() && line[i] >= '0' && line[i] <= '7')
                            val = val * 8 + (line[i++] - '0');
                    }
                    c = (char) (val & 0377);
                    verify |= c == 0 || (c & 0x80);
                } else if (c == 'x') {
                    if (i < line.size() && isxdigit((unsigned char) line[i])) {
                        auto hv = [](char h) { return isdigit((unsigned char) h) ? h - '0' : (tolower(h) - 'a' + 10); };
                        int val = hv(line[i++]);
                        if (i < line.size() && isxdigit((unsigned char) line[i]))
                            val = val * 16 + hv(line[i++]);
                        c = (char) (val & 0xff);
                        verify |= c == 0 || (c & 0x80);
                    }
                } else if (c == 'b') c = '\b';
                else if (c == 'f') c = '\f';
                else if (c == 'n') c = '\n';
                else if (c == 'r') c = '\r';
                else if (c == 't') c = '\t';
                else if (c == 'v') c = '\v';
            }
            v.push_back(c);
        }
        bool null = line.compare(start, end - start, "\\N") == 0 && end - start == 2;
        out.push_back({null, null ? std::string() : v, null ? false : verify});
        if (!tab)
            return out;
    }
}

std::vector<Field> fast_fields(const std::string &line, int max_fields, int *count) {
    std::vector<char> buf(line.size() + 1);
    std::vector<char *> f(max_fields + 1);
    std::vector<size_t> lengths(max_fields + 1);
    bool verify[64];
    *count = copy_split_fields(line.data(), line.size(), buf.data(), f.data(), lengths.data(), verify, max_fields);
    std::vector<Field> out;
    for (int k = 0; k < *count && k <= max_fields; k++)
        out.push_back(f[k] == nullptr ? Field{true, "", false} : Field{false, std::string(f[k], lengths[k]), verify[k]});
    return out;
}

/* (values compare whole, a '\0' made by an escape included) */
std::vector<Field> cut_at_nul(std::vector<Field> v) { return v; }

/* The data's lines as the model reads them (newline style: newline), with the status that ends them. */
struct Lines {
    std::vector<std::string> lines;
    CopyLineStatus end;
};

Lines model_lines(const std::string &d) {
    Lines r;
    size_t i = 0, start = 0;
    bool first = true;
    for (;;) {
        if (i >= d.size()) {
            if (i > start)
                r.lines.push_back(d.substr(start, i - start));
            r.end = COPY_LINE_LAST;
            return r;
        }
        char c = d[i++];
        if (c == '\r') {
            r.end = first ? COPY_LINE_NOT_NEWLINE : COPY_LINE_LITERAL_CR;
            return r;
        }
        if (c == '\n') {
            r.lines.push_back(d.substr(start, i - 1 - start));
            start = i;
            first = false;
            continue;
        }
        if (c == '\\') {
            if (i >= d.size())
                continue; /* at the end: the line ends with the backslash */
            if (d[i] == '.') {
                char after = i + 1 < d.size() ? d[i + 1] : '\0';
                if (after != '\r' && after != '\n') {
                    r.end = COPY_LINE_MARKER_CORRUPT;
                    return r;
                }
                if (!first && after != '\n') {
                    r.end = COPY_LINE_MARKER_STYLE;
                    return r;
                }
                if (i - 1 == start) {
                    r.end = COPY_LINE_LAST;
                    return r;
                }
                /* text before "\." on its line: a line of its own, and the data goes on */
                r.lines.push_back(d.substr(start, i - 1 - start));
                i += 2;
                start = i;
                continue;
            }
            i++;
        }
    }
}

/* The same through copy_find_line, fed in chunks of the given size. */
Lines fast_lines(const std::string &d, size_t chunk) {
    Lines r;
    std::string buf;
    size_t fed = 0, scan = 0;
    bool first = true;
    for (;;) {
        size_t len = 0, next = 0;
        bool eof = fed == d.size();
        CopyLineStatus s = copy_find_line(buf.data(), buf.size(), scan, eof, first, &len, &next);
        if (s == COPY_LINE_MORE) {
            size_t n = std::min(chunk, d.size() - fed);
            buf.append(d, fed, n);
            fed += n;
            scan = next;
            continue;
        }
        if (s == COPY_LINE || s == COPY_LINE_MARKED) {
            r.lines.push_back(buf.substr(0, len));
            buf.erase(0, next);
            scan = 0;
            first = first && s == COPY_LINE_MARKED;
            continue;
        }
        if (s == COPY_LINE_LAST && len > 0)
            r.lines.push_back(buf.substr(0, len));
        r.end = s;
        return r;
    }
}

} // namespace

TEST(copy_split_fields_cases) {
    struct {
        const char *line;
        std::vector<Field> want;
    } cases[] = {
        {"", {{false, "", false}}},
        {"a\tb", {{false, "a", false}, {false, "b", false}}},
        {"\\N\t\\\\N\tx\\N", {{true, "", false}, {false, "\\N", false}, {false, "xN", false}}},
        {"\\t\\n\\r\\b\\f\\v\\\\\\q", {{false, "\t\n\r\b\f\v\\q", false}}},
        {"\\101\\1010\\7\\08", {{false, std::string("AA0\a\0" "8", 6), true}}}, /* \0 then '8' */
        {"\\x41\\x4g\\xg\\x", {{false, "A\x04gxgx", false}}},
        {"\\377\\xff", {{false, "\xff\xff", true}}},
        {"ab\\", {{false, "ab", false}}},
        {"\\N\\", {{true, "", false}}}, /* the trailing backslash is not part of the raw field */
        {"\t\t", {{false, "", false}, {false, "", false}, {false, "", false}}},
    };
    for (auto &c : cases) {
        int n = 0;
        auto got = fast_fields(c.line, 8, &n);
        CHECK(cut_at_nul(got) == cut_at_nul(c.want));
        CHECK(cut_at_nul(model_fields(c.line)) == cut_at_nul(c.want));
    }
    int n = 0;
    fast_fields("a\tb\tc", 2, &n);
    CHECK_EQ(n, 3); /* more than max_fields */
    fast_fields("a\tb", 2, &n);
    CHECK_EQ(n, 2);
}

TEST(copy_split_fields_random_against_model) {
    std::mt19937 rng(7);
    const char alphabet[] = "ab\\\\\\tN.x0179fF\xc3\xa9\t";
    for (int round = 0; round < 200000; round++) {
        std::string line;
        int len = rng() % (round % 10 == 0 ? 200 : 12);
        for (int k = 0; k < len; k++)
            line.push_back(alphabet[rng() % (sizeof alphabet - 1)]);
        auto want = model_fields(line);
        int max_fields = 1 + rng() % 6, n = 0;
        auto got = fast_fields(line, max_fields, &n);
        if ((int) want.size() > max_fields) {
            CHECK_EQ(n, max_fields + 1);
            want.resize(max_fields + 1);
        } else {
            CHECK_EQ(n, (int) want.size());
        }
        if (cut_at_nul(got) != cut_at_nul(want)) {
            CHECK(false);
            std::printf("    line: %s\n", line.c_str());
            return;
        }
    }
}

TEST(copy_find_line_cases) {
    struct {
        const char *data;
        std::vector<std::string> lines;
        CopyLineStatus end;
    } cases[] = {
        {"", {}, COPY_LINE_LAST},
        {"a\nb\n", {"a", "b"}, COPY_LINE_LAST},
        {"a\nb", {"a", "b"}, COPY_LINE_LAST},
        {"a\n\\.\n\n\nignored\n", {"a"}, COPY_LINE_LAST},
        {"a\nb\\.\nc\n", {"a", "b", "c"}, COPY_LINE_LAST}, /* "\." after text ends its line only */
        {"a\\.\rb\\.\rc\n", {"a", "b", "c"}, COPY_LINE_LAST}, /* the style stays unknown after it */
        {"a\nb\\.\rc\n", {"a"}, COPY_LINE_MARKER_STYLE},
        {"a\\\nb\n", {"a\\\nb"}, COPY_LINE_LAST},      /* an escaped newline is data */
        {"a\\\\.\n", {"a\\\\."}, COPY_LINE_LAST},     /* "\\." is not a marker */
        {"a\n\\.", {"a"}, COPY_LINE_MARKER_CORRUPT},
        {"a\n\\.x\n", {"a"}, COPY_LINE_MARKER_CORRUPT},
        {"a\n\\.\r\n", {"a"}, COPY_LINE_MARKER_STYLE},
        {"\\.\r", {}, COPY_LINE_LAST}, /* first line: the style is not known yet */
        {"a\r\nb\r\n", {}, COPY_LINE_NOT_NEWLINE},
        {"a\nb\rc\n", {"a"}, COPY_LINE_LITERAL_CR},
        {"a\\\rb\n", {"a\\\rb"}, COPY_LINE_LAST}, /* an escaped carriage return is data */
        {"ab\\", {"ab\\"}, COPY_LINE_LAST},
    };
    for (auto &c : cases) {
        for (size_t chunk : {1, 2, 3, 7, 1000}) {
            Lines got = fast_lines(c.data, chunk);
            CHECK(got.lines == c.lines);
            CHECK_EQ((int) got.end, (int) c.end);
        }
        Lines m = model_lines(c.data);
        CHECK(m.lines == c.lines);
        CHECK_EQ((int) m.end, (int) c.end);
    }
}

TEST(copy_find_line_random_against_model) {
    std::mt19937 rng(11);
    const char alphabet[] = "abc\n\n\\\\.\t\r0123456789abcdefghijklmnop";
    for (int round = 0; round < 50000; round++) {
        std::string d;
        int len = rng() % (round % 20 == 0 ? 400 : 30);
        for (int k = 0; k < len; k++)
            d.push_back(alphabet[rng() % (sizeof alphabet - 1)]);
        Lines want = model_lines(d);
        Lines got = fast_lines(d, 1 + rng() % 40);
        if (got.lines != want.lines || got.end != want.end) {
            CHECK(false);
            return;
        }
    }
}
