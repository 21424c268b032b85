/*
 * Expands the strftime-style placeholders of a pd_dump path:
 * %Y %m %d %H %M %S and %%.  Anything else after % is an error, so a typo
 * never silently becomes part of a backup's name.
 */
#pragma once

#include <string>

namespace pd {

struct CivilTime {
    int year;   /* e.g. 2026 */
    int month;  /* 1..12 */
    int day;    /* 1..31 */
    int hour;   /* 0..23 */
    int minute; /* 0..59 */
    int second; /* 0..60 */
};

/* Returns false and sets *error on an unknown or unfinished placeholder. */
bool expand_path_template(const std::string &tmpl, const CivilTime &t, std::string *out,
                          std::string *error);

} // namespace pd
