/*
 * Builds TOC entries from what the catalog queries return for one object:
 * its own entry plus the COMMENT and ACL entries that follow it.
 */
#pragma once

#include <cstdint>
#include <string>

#include "dump_plan.h"

namespace pd {

struct CatalogRow {
    uint32_t classid = 0;
    uint32_t objid = 0;
    std::string desc;
    std::string tag;
    OptString nspace, owner, defn, drop_stmt, tablespace, tableam;
    OptString comment_target; /* what follows COMMENT ON, e.g. TABLE s.t */
    OptString comment_tag;    /* the COMMENT entry's tag, e.g. TABLE t */
    OptString comment;
    OptString acl_kind;       /* TABLE, SEQUENCE, FUNCTION, ... */
    OptString acl_name;       /* s.t, s.f(integer) */
    OptString acl_tag;
    OptString acl;            /* aclitem[] as text */
    OptString acl_base;       /* privileges it is created with, when not the built-in default */
    OptString stand_in;       /* a view's CREATE VIEW with columns only (see DumpObject) */
};

int section_for_desc(const std::string &desc);
int priority_for_desc(const std::string &desc);

/* A string literal valid with standard_conforming_strings = on. */
std::string sql_literal(const std::string &s);

/* The object with its COMMENT and ACL entries; throws on a malformed ACL. */
DumpObject object_from_row(const CatalogRow &row);

TocEntry comment_entry(const std::string &target, const std::string &tag, const OptString &nspace,
                       const OptString &owner, const std::string &comment);

/* Privileges on a whole object, rebuilt from its aclitem[] text. */
TocEntry object_acl_entry(const std::string &kind, const std::string &name, const std::string &tag,
                          const OptString &nspace, const std::string &owner, const std::string &acl,
                          const OptString &base_acl = {});

/* A SECURITY LABEL statement that follows its object, like a comment. */
/* nspace and owner: the labelled object's, as pg_dump writes them (a column's: its table's) */
TocEntry security_label_entry(const std::string &sql, const std::string &tag, const OptString &nspace,
                              const OptString &owner);

/* ALTER DEFAULT PRIVILEGES of a role, globally or in one schema. */
TocEntry default_acl_entry(const std::string &role, const OptString &schema, const std::string &objects,
                           const std::string &acl);

/* Privileges on one column, to follow the table's own entries. */
TocEntry column_acl_entry(const std::string &table_name, const std::string &column_quoted,
                          const std::string &tag, const OptString &nspace, const std::string &owner,
                          const std::string &acl, const OptString &base_acl = {});

} // namespace pd
