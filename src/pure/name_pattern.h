/*
 * pg_dump's -n/-t patterns (psql's \d rules): unquoted letters fold to lower
 * case, * and ? are wildcards, "double quotes" keep case and make wildcards
 * literal, dots separate database, schema and object names.  Each part
 * becomes an anchored POSIX regular expression for the ~ operator.
 */
#pragma once

#include <string>
#include <vector>

namespace pd {

/*
 * Splits pattern into 1 to max_parts dotted parts, each as a regex.  Returns
 * false with *error on an unterminated quote or too many dotted names.
 */
bool name_pattern_to_regex(const std::string &pattern, size_t max_parts, std::vector<std::string> *parts,
                           std::string *error);

} // namespace pd
