/*
 * Expands the strftime-style placeholders of a pd_dump path:
 * %Y %m %d %H %M %S and %%.  Anything else after % is an error, so a typo
 * never silently becomes part of a backup's name.  The names a template
 * expands to are recognised again (retention).
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

/* Whether tmpl has a placeholder (a literal %% is none). */
bool path_template_has_placeholders(const std::string &tmpl);

/*
 * Whether name is what tmpl expands to at some time (each %Y four digits,
 * the others two, %% a %); *when gets the fields the name gives (absent ones
 * 0), which order a template's expansions by time.
 */
bool match_path_template(const std::string &tmpl, const std::string &name, CivilTime *when);

} // namespace pd
