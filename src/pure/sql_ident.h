/*
 * SQL identifiers written the way pg_dump writes them (fmtId): bare when the
 * name is a plain lower-case identifier and not a keyword that needs quotes,
 * else double-quoted.  The server's quote_ident() follows the same rule.
 */
#pragma once

#include <string>

namespace pd {

/* True for PostgreSQL 15's keywords that are not UNRESERVED (they need quotes as names). */
bool is_quoted_keyword(const std::string &word);

/* The name in double quotes, inner quotes doubled. */
std::string double_quoted(const std::string &name);

/* The name as pg_dump's fmtId() writes it. */
std::string fmt_id(const std::string &name);

} // namespace pd
