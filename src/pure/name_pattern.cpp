#include "name_pattern.h"

#include <cstring>

#include "no_postgres.h"

namespace pd {

bool name_pattern_to_regex(const std::string &pattern, size_t max_parts, std::vector<std::string> *parts,
                           std::string *error) {
    std::vector<std::string> raw(1);
    bool in_quotes = false;
    for (size_t i = 0; i < pattern.size(); i++) {
        char c = pattern[i];
        std::string &cur = raw.back();
        if (c == '"') {
            if (in_quotes && i + 1 < pattern.size() && pattern[i + 1] == '"') {
                cur += '"';
                i++;
            } else {
                in_quotes = !in_quotes;
            }
        } else if (!in_quotes && c == '.') {
            raw.emplace_back();
        } else if (!in_quotes && c == '*') {
            cur += ".*";
        } else if (!in_quotes && c == '?') {
            cur += '.';
        } else if (c == '$') {
            cur += "\\$"; /* never an anchor: names may contain $ */
        } else if (in_quotes && std::strchr("|*+?()[]{}.^\\", c) != nullptr) {
            cur += '\\';
            cur += c;
        } else if (!in_quotes && c >= 'A' && c <= 'Z') {
            cur += static_cast<char>(c - 'A' + 'a');
        } else {
            cur += c; /* unquoted regex characters keep their meaning, as in psql */
        }
    }
    if (in_quotes) {
        *error = "unterminated quoted identifier in pattern \"" + pattern + "\"";
        return false;
    }
    if (raw.size() > max_parts) {
        *error = "improper qualified name (too many dotted names): " + pattern;
        return false;
    }
    parts->clear();
    for (const std::string &r : raw)
        parts->push_back("^(" + r + ")$");
    return true;
}

} // namespace pd
