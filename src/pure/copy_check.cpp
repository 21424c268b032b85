#include "copy_check.h"

#include <algorithm>
#include <cstring>

#include "no_postgres.h"

namespace pd {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Skips one identifier (quoted with "" doubled, or bare); false if none. */
bool skip_identifier(const std::string &s, size_t *p) {
    size_t i = *p;
    if (i < s.size() && s[i] == '"') {
        for (i++; i < s.size(); i++) {
            if (s[i] != '"')
                continue;
            if (i + 1 < s.size() && s[i + 1] == '"') {
                i++;
                continue;
            }
            *p = i + 1;
            return true;
        }
        return false;
    }
    size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '.' && s[i] != ',' && s[i] != '(' && s[i] != ')' &&
           s[i] != '"' && s[i] != ';')
        i++;
    *p = i;
    return i > start;
}

void skip_space(const std::string &s, size_t *p) {
    while (*p < s.size() && is_space(s[*p]))
        (*p)++;
}

} // namespace

int copy_statement_columns(const std::string &s) {
    if (s.compare(0, 5, "COPY ") != 0)
        return -1;
    size_t p = 5;
    /* the relation: name or schema.name */
    if (!skip_identifier(s, &p))
        return -1;
    if (p < s.size() && s[p] == '.') {
        p++;
        if (!skip_identifier(s, &p))
            return -1;
    }
    skip_space(s, &p);
    int columns = 0;
    if (p < s.size() && s[p] == '(') {
        p++;
        for (;;) {
            skip_space(s, &p);
            if (!skip_identifier(s, &p))
                return -1;
            columns++;
            skip_space(s, &p);
            if (p < s.size() && s[p] == ',') {
                p++;
                continue;
            }
            if (p < s.size() && s[p] == ')') {
                p++;
                break;
            }
            return -1;
        }
        skip_space(s, &p);
    }
    static const char tail[] = "FROM stdin;";
    if (s.compare(p, sizeof tail - 1, tail) != 0)
        return -1;
    p += sizeof tail - 1;
    skip_space(s, &p);
    return p == s.size() ? columns : -1;
}

bool CopyDataChecker::end_line() {
    line_++;
    bool trailer = line_len_ == 2 && first_[0] == '\\' && first_[1] == '.';
    if (after_trailer_) {
        if (line_len_ != 0) {
            problem_ = "data after the end-of-data marker (\\.), on line " + std::to_string(line_);
            return false;
        }
    } else if (trailer) {
        after_trailer_ = true;
    } else if (columns_ >= 0) {
        uint64_t found = columns_ == 0 && line_len_ == 0 ? 0 : tabs_ + 1;
        if (found != (uint64_t) columns_) {
            problem_ = "line " + std::to_string(line_) + " has " + std::to_string(found) + " column" +
                       (found == 1 ? "" : "s") + ", the COPY statement names " + std::to_string(columns_);
            return false;
        }
    }
    tabs_ = 0;
    line_len_ = 0;
    return true;
}

bool CopyDataChecker::feed(const char *data, size_t len) {
    if (!problem_.empty())
        return false;
    const char *end = data + len;
    while (data < end) {
        const char *nl = (const char *) std::memchr(data, '\n', (size_t) (end - data));
        const char *stop = nl ? nl : end;
        size_t n = (size_t) (stop - data);
        for (size_t i = 0; i < n && line_len_ + i < 2; i++)
            first_[line_len_ + i] = data[i];
        tabs_ += (uint64_t) std::count(data, stop, '\t');
        line_len_ += n;
        if (!nl)
            break;
        if (!end_line())
            return false;
        data = nl + 1;
    }
    return true;
}

bool CopyDataChecker::finish() {
    if (!problem_.empty())
        return false;
    if (line_len_ > 0) {
        problem_ = "the file ends inside line " + std::to_string(line_ + 1) + " (truncated)";
        return false;
    }
    if (!after_trailer_) {
        problem_ = "the end-of-data marker (\\.) is missing after line " + std::to_string(line_) + " (truncated)";
        return false;
    }
    return true;
}

} // namespace pd
