/*
 * Recognizes the exact texts of a large object's metadata that pg_dump 15
 * writes and pd_restore sends (a BLOB entry's "SELECT
 * pg_catalog.lo_create('N');" and the "ALTER LARGE OBJECT N OWNER TO
 * role;" after it), so that a restore worker can perform them through the
 * server's own functions rather than parse and plan one statement per
 * large object.  Anything else, even a blank more, is not matched and goes
 * through SPI as before.
 */
#pragma once

#include <cstdint>
#include <string>

namespace pd {

/* "SELECT pg_catalog.lo_create('N');" with an optional "\n": true with *oid. */
bool match_lo_create(const char *sql, uint32_t *oid);

/*
 * "ALTER LARGE OBJECT N OWNER TO role;" with an optional "\n", role an
 * identifier as quote_identifier writes it (plain lower case, or in double
 * quotes with "" for a quote): true with *oid, the role's name in *role and
 * in *quoted whether it was written in double quotes (a quoted keyword is a
 * name, an unquoted one means what the grammar says).
 */
bool match_lo_owner(const char *sql, uint32_t *oid, std::string *role, bool *quoted);

} // namespace pd
