/*
 * Turns an aclitem[] (its text form, as the catalog prints it) into the
 * REVOKE/GRANT statements that take an object from the privileges it has
 * when created (its base: the built-in defaults for the owner, or what
 * initdb/CREATE EXTENSION gave it) to the privileges it has now, as
 * pg_dump 15's buildACLCommands (dumputils.c) writes them: REVOKE what a
 * base entry had and is gone, GRANT what is new (ALL when an entry has every
 * privilege of the type), role names as fmtId writes them.
 */
#pragma once

#include <optional>
#include <string>

namespace pd {

struct AclTarget {
    std::string kind;   /* keyword after ON: TABLE, SEQUENCE, FUNCTION, SCHEMA, TYPE, TABLES, ... */
    std::string name;   /* the object as SQL names it, e.g. s.t or s.f(integer) */
    std::string column; /* quoted column name for column privileges, else empty */
    std::string owner;  /* the object's owner, raw role name */
    /* put before every GRANT / REVOKE, e.g. "ALTER DEFAULT PRIVILEGES FOR ROLE r " */
    std::string statement_prefix;
    /* the base as aclitem[] text; unset: PostgreSQL's built-in default for kind and owner */
    std::optional<std::string> base_acl;
    /* grants by another role are made as that role (not possible for defaults) */
    bool other_grantors = true;
};

/* acldefault() as text for an ACL keyword (TABLE, FUNCTION, TABLES, ...) and owner. */
std::string default_acl(const std::string &kind, const std::string &owner);

/* Role name as pg_dump writes it (fmtId; empty = PUBLIC). */
std::string sql_role(const std::string &role);

/* Returns false and sets *error when an aclitem[] text is malformed. */
bool acl_statements(const std::string &acl_text, const AclTarget &target, std::string *sql,
                    std::string *error);

/* ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema] ... as buildDefaultACLCommands. */
bool default_acl_statements(const std::string &role, const std::optional<std::string> &schema,
                            const std::string &objects, const std::string &acl, std::string *sql,
                            std::string *error);

} // namespace pd
