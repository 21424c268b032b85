/* Parsing the records of an archive's statistics file (see statistics_format.h). */
#include "statistics_format.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "no_postgres.h"

namespace pd {

namespace {

void fail(char *err, size_t errlen, const char *msg, const char *what = nullptr) {
    if (what)
        std::snprintf(err, errlen, "%s \"%.64s\"", msg, what);
    else
        std::snprintf(err, errlen, "%s", msg);
}

/* Unescapes [in, end) into out (never longer); false on a bad escape. */
bool unescape(const char *in, const char *end, char *out) {
    while (in < end) {
        char c = *in++;
        if (c != '\\') {
            *out++ = c;
            continue;
        }
        if (in == end)
            return false;
        switch (*in++) {
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'v': *out++ = '\v'; break;
        case '\\': *out++ = '\\'; break;
        default: return false;
        }
    }
    *out = '\0';
    return true;
}

bool parse_int(const char *s, long long lo, long long hi, long long *out) {
    if (s == nullptr || *s == '\0' || std::strlen(s) > 20)
        return false;
    char *end;
    errno = 0;
    long long v = std::strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool parse_float(const char *s, float lo, float hi, float *out) {
    if (s == nullptr || *s == '\0' || std::strlen(s) > 64)
        return false;
    char *end;
    errno = 0;
    float v = std::strtof(s, &end);
    if (errno == ERANGE || *end != '\0' || !std::isfinite(v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool non_empty(const char *s) { return s != nullptr && *s != '\0'; }

} // namespace

int stats_split_line(char *line, size_t len, char **fields, int max, char *err, size_t errlen) noexcept {
    int n = 0;
    char *p = line, *end = line + len;
    if (std::memchr(line, '\0', len) != nullptr) {
        fail(err, errlen, "a NUL byte in the statistics file");
        return -1;
    }
    for (;;) {
        char *tab = static_cast<char *>(std::memchr(p, '\t', static_cast<size_t>(end - p)));
        char *stop = tab ? tab : end;
        if (n >= max) {
            fail(err, errlen, "too many fields in a line of the statistics file");
            return -1;
        }
        if (stop - p == 2 && p[0] == '\\' && p[1] == 'N') {
            fields[n++] = nullptr;
        } else {
            /* the unescaped field ends at or before stop, where the NUL goes */
            if (!unescape(p, stop, p)) {
                fail(err, errlen, "a bad escape sequence in the statistics file");
                return -1;
            }
            fields[n++] = p;
        }
        if (tab == nullptr)
            return n;
        p = tab + 1;
    }
}

char stats_record_type(const char *first) noexcept {
    if (first == nullptr)
        return 0;
    if (std::strcmp(first, "PDSTATS") == 0)
        return 'H';
    if (std::strcmp(first, "R") == 0)
        return 'R';
    if (std::strcmp(first, "C") == 0)
        return 'C';
    if (std::strcmp(first, "END") == 0)
        return 'E';
    return 0;
}

bool stats_parse_header(char **f, int n, StatsHeader *out, char *err, size_t errlen) noexcept {
    long long v;
    if (n != 3 || stats_record_type(f[0]) != 'H' || !parse_int(f[1], 1, 1000000, &v) || !non_empty(f[2])) {
        fail(err, errlen, "not a statistics file of parallel_dump");
        return false;
    }
    if (v != kStatsVersion) {
        fail(err, errlen, "unsupported statistics file version", f[1]);
        return false;
    }
    out->version = static_cast<int>(v);
    out->encoding = f[2];
    return true;
}

bool stats_parse_relation(char **f, int n, StatsRelation *out, char *err, size_t errlen) noexcept {
    long long pages, visible;
    if (n != kStatsRelationFields || !non_empty(f[1]) || !non_empty(f[2])) {
        fail(err, errlen, "a malformed relation record in the statistics file");
        return false;
    }
    if (f[3] == nullptr || std::strlen(f[3]) != 1 || std::strchr("rpmi", f[3][0]) == nullptr) {
        fail(err, errlen, "an unknown relation kind in the statistics file", f[3]);
        return false;
    }
    /* -1: a partitioned table's (PostgreSQL 15) */
    if (!parse_int(f[4], -1, INT32_MAX, &pages) || !parse_float(f[5], -1.0f, 1e30f, &out->reltuples) ||
        !parse_int(f[6], 0, INT32_MAX, &visible)) {
        fail(err, errlen, "bad relation figures in the statistics file for", f[2]);
        return false;
    }
    out->schema = f[1];
    out->name = f[2];
    out->relkind = f[3][0];
    out->relpages = static_cast<int32_t>(pages);
    out->relallvisible = static_cast<int32_t>(visible);
    return true;
}

bool stats_parse_column(char **f, int n, StatsColumn *out, char *err, size_t errlen) noexcept {
    long long width;
    if (n != kStatsColumnFields || !non_empty(f[1]) || !non_empty(f[2]) || f[3] == nullptr ||
        (std::strcmp(f[3], "t") != 0 && std::strcmp(f[3], "f") != 0)) {
        fail(err, errlen, "a malformed column record in the statistics file");
        return false;
    }
    if (!parse_float(f[4], 0.0f, 1.0f, &out->nullfrac) || !parse_int(f[5], 0, INT32_MAX, &width) ||
        !parse_float(f[6], -1.0f, 1e30f, &out->distinct)) {
        fail(err, errlen, "bad column figures in the statistics file for column", f[1]);
        return false;
    }
    out->column = f[1];
    out->type = f[2];
    out->inherit = f[3][0] == 't';
    out->width = static_cast<int32_t>(width);
    for (int k = 0; k < kStatsSlots; k++) {
        char **s = f + 7 + k * kStatsSlotFields;
        StatsSlot &slot = out->slots[k];
        long long kind;
        if (!parse_int(s[0], 0, INT16_MAX, &kind)) {
            fail(err, errlen, "a bad statistics kind for column", f[1]);
            return false;
        }
        slot.kind = static_cast<int16_t>(kind);
        slot.op = s[1];
        slot.collation = s[2];
        slot.numbers = s[3];
        slot.values_type = s[4];
        slot.values = s[5];
        bool empty = slot.op == nullptr && slot.collation == nullptr && slot.numbers == nullptr &&
                     slot.values_type == nullptr && slot.values == nullptr;
        if ((kind == 0 && !empty) || (slot.values == nullptr) != (slot.values_type == nullptr) ||
            (slot.op != nullptr && *slot.op == '\0') || (slot.collation != nullptr && *slot.collation == '\0') ||
            (slot.values_type != nullptr && *slot.values_type == '\0')) {
            fail(err, errlen, "an inconsistent statistics slot for column", f[1]);
            return false;
        }
    }
    return true;
}

bool stats_parse_end(char **f, int n, int64_t *relations, int64_t *columns, char *err, size_t errlen) noexcept {
    long long r, c;
    if (n != 3 || !parse_int(f[1], 0, INT64_MAX, &r) || !parse_int(f[2], 0, INT64_MAX, &c)) {
        fail(err, errlen, "a malformed end record in the statistics file");
        return false;
    }
    *relations = r;
    *columns = c;
    return true;
}

bool StatsSequence::next(char type, char *err, size_t errlen) noexcept {
    if (ended_) {
        fail(err, errlen, "data after the end of the statistics file");
        return false;
    }
    if (!header_ && type != 'H') {
        fail(err, errlen, "not a statistics file of parallel_dump");
        return false;
    }
    switch (type) {
    case 'H':
        if (header_) {
            fail(err, errlen, "a second header in the statistics file");
            return false;
        }
        header_ = true;
        return true;
    case 'R':
        relation_ = true;
        relations_++;
        return true;
    case 'C':
        if (!relation_) {
            fail(err, errlen, "a column record before any relation in the statistics file");
            return false;
        }
        columns_++;
        return true;
    case 'E':
        ended_ = true;
        return true;
    default:
        fail(err, errlen, "an unknown record in the statistics file");
        return false;
    }
}

bool StatsSequence::end(int64_t relations, int64_t columns, char *err, size_t errlen) noexcept {
    if (relations != relations_ || columns != columns_) {
        fail(err, errlen, "the statistics file's end record does not match its records");
        return false;
    }
    return true;
}

} // namespace pd
