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

bool path_template_has_placeholders(const std::string &tmpl) {
    for (size_t i = 0; i + 1 < tmpl.size(); i++) {
        if (tmpl[i] != '%')
            continue;
        if (tmpl[i + 1] != '%')
            return true;
        i++;
    }
    return false;
}

bool match_path_template(const std::string &tmpl, const std::string &name, CivilTime *when) {
    CivilTime t{0, 0, 0, 0, 0, 0};
    size_t n = 0;
    for (size_t i = 0; i < tmpl.size(); i++) {
        char c = tmpl[i];
        if (c != '%' || i + 1 >= tmpl.size()) {
            if (n >= name.size() || name[n++] != c)
                return false;
            continue;
        }
        char spec = tmpl[++i];
        if (spec == '%') {
            if (n >= name.size() || name[n++] != '%')
                return false;
            continue;
        }
        int *field;
        switch (spec) {
        case 'Y': field = &t.year; break;
        case 'm': field = &t.month; break;
        case 'd': field = &t.day; break;
        case 'H': field = &t.hour; break;
        case 'M': field = &t.minute; break;
        case 'S': field = &t.second; break;
        default: return false;
        }
        size_t width = spec == 'Y' ? 4 : 2;
        if (name.size() - n < width)
            return false;
        int value = 0;
        for (size_t k = 0; k < width; k++) {
            char d = name[n++];
            if (d < '0' || d > '9')
                return false;
            value = value * 10 + (d - '0');
        }
        *field = value;
    }
    if (n != name.size())
        return false;
    *when = t;
    return true;
}

} // namespace pd
