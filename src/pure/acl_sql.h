/*
 * Turns an aclitem[] (its text form, as the catalog prints it) into the
 * REVOKE/GRANT statements that rebuild exactly that array, entry by entry
 * and in the same order, the way pg_dump's ACL entries do.
 */
#pragma once

#include <string>

namespace pd {

struct AclTarget {
    std::string kind;   /* keyword after ON: TABLE, SEQUENCE, FUNCTION, SCHEMA, TYPE, ... */
    std::string name;   /* the object as SQL names it, e.g. s.t or s.f(integer) */
    std::string column; /* quoted column name for column privileges, else empty */
    std::string owner;  /* the object's owner, raw role name */
    /* put before every GRANT / REVOKE, e.g. "ALTER DEFAULT PRIVILEGES FOR ROLE r " */
    std::string statement_prefix;
    /* start by revoking what the owner and PUBLIC get by default (not for columns) */
    bool rebuild_from_default = true;
    /* grants by another role are made as that role (not possible for defaults) */
    bool other_grantors = true;
};

/* Any identifier, always double-quoted. */
std::string sql_identifier(const std::string &name);

/* Role name as an SQL identifier (always double-quoted; empty = PUBLIC). */
std::string sql_role(const std::string &role);

/* Returns false and sets *error when acl_text is not a valid aclitem[] text. */
bool acl_statements(const std::string &acl_text, const AclTarget &target, std::string *sql,
                    std::string *error);

} // namespace pd
