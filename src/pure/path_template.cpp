#include "path_template.h"

#include <cstdio>

#include "no_postgres.h"

namespace pd {

bool expand_path_template(const std::string &tmpl, const CivilTime &t, std::string *out,
                          std::string *error) {
    std::string result;
    result.reserve(tmpl.size() + 16);
    for (size_t i = 0; i < tmpl.size(); i++) {
        char c = tmpl[i];
        if (c != '%') {
            result.push_back(c);
            continue;
        }
        if (i + 1 >= tmpl.size()) {
            *error = "path ends with an unfinished placeholder \"%\"";
            return false;
        }
        char spec = tmpl[++i];
        int value, width = 2;
        switch (spec) {
        case 'Y': value = t.year; width = 4; break;
        case 'm': value = t.month; break;
        case 'd': value = t.day; break;
        case 'H': value = t.hour; break;
        case 'M': value = t.minute; break;
        case 'S': value = t.second; break;
        case '%': result.push_back('%'); continue;
        default:
            *error = std::string("unknown placeholder \"%") + spec + "\" in path";
            return false;
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "%0*d", width, value);
        result.append(buf);
    }
    *out = std::move(result);
    return true;
}

} // namespace pd
