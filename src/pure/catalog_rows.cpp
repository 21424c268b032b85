#include "catalog_rows.h"

#include <cstring>
#include <stdexcept>

#include "acl_sql.h"
#include "no_postgres.h"

namespace pd {
namespace {

struct DescInfo {
    const char *desc;
    int section;
    int priority;
};

const DescInfo kDescs[] = {
    {"ENCODING", SECTION_PRE_DATA, PRIO_SPECIAL},
    {"STDSTRINGS", SECTION_PRE_DATA, PRIO_SPECIAL},
    {"SEARCHPATH", SECTION_PRE_DATA, PRIO_SPECIAL},
    {"DATABASE", SECTION_PRE_DATA, PRIO_SPECIAL},
    {"DATABASE PROPERTIES", SECTION_PRE_DATA, PRIO_SPECIAL},
    {"SCHEMA", SECTION_PRE_DATA, PRIO_NAMESPACE},
    {"EXTENSION", SECTION_PRE_DATA, PRIO_EXTENSION},
    {"TYPE", SECTION_PRE_DATA, PRIO_TYPE},
    {"DOMAIN", SECTION_PRE_DATA, PRIO_TYPE},
    {"SHELL TYPE", SECTION_PRE_DATA, PRIO_TYPE},
    {"FUNCTION", SECTION_PRE_DATA, PRIO_FUNC},
    {"PROCEDURE", SECTION_PRE_DATA, PRIO_FUNC},
    {"TABLE", SECTION_PRE_DATA, PRIO_TABLE},
    {"VIEW", SECTION_PRE_DATA, PRIO_TABLE},
    {"MATERIALIZED VIEW", SECTION_PRE_DATA, PRIO_TABLE},
    {"SEQUENCE", SECTION_PRE_DATA, PRIO_TABLE},
    {"SEQUENCE OWNED BY", SECTION_PRE_DATA, PRIO_TABLE},
    {"TABLE ATTACH", SECTION_PRE_DATA, PRIO_TABLE_ATTACH},
    {"INDEX ATTACH", SECTION_POST_DATA, PRIO_INDEX_ATTACH},
    {"DEFAULT", SECTION_PRE_DATA, PRIO_ATTRDEF},
    {"TABLE DATA", SECTION_DATA, PRIO_TABLE_DATA},
    {"SEQUENCE SET", SECTION_DATA, PRIO_SEQUENCE_SET},
    {"CONSTRAINT", SECTION_POST_DATA, PRIO_CONSTRAINT},
    {"CHECK CONSTRAINT", SECTION_POST_DATA, PRIO_CONSTRAINT},
    {"INDEX", SECTION_POST_DATA, PRIO_INDEX},
    {"TRIGGER", SECTION_POST_DATA, PRIO_TRIGGER},
    {"FK CONSTRAINT", SECTION_POST_DATA, PRIO_FK_CONSTRAINT},
    {"MATERIALIZED VIEW DATA", SECTION_POST_DATA, PRIO_REFRESH_MATVIEW},
    {"COLLATION", SECTION_PRE_DATA, PRIO_COLLATION},
    {"STATISTICS", SECTION_POST_DATA, PRIO_STATSEXT},
    {"RULE", SECTION_POST_DATA, PRIO_RULE},
    {"ROW SECURITY", SECTION_POST_DATA, PRIO_POLICY},
    {"POLICY", SECTION_POST_DATA, PRIO_POLICY},
    {"PUBLICATION", SECTION_POST_DATA, PRIO_PUBLICATION},
    {"PUBLICATION TABLE", SECTION_POST_DATA, PRIO_PUBLICATION_REL},
    {"PUBLICATION TABLES IN SCHEMA", SECTION_POST_DATA, PRIO_PUBLICATION_TABLE_IN_SCHEMA},
    {"DEFAULT ACL", SECTION_POST_DATA, PRIO_DEFAULT_ACL},
    {"EVENT TRIGGER", SECTION_POST_DATA, PRIO_EVENT_TRIGGER},
    {"BLOB", SECTION_PRE_DATA, PRIO_BLOB},
    {"SUBSCRIPTION", SECTION_POST_DATA, PRIO_SUBSCRIPTION},
    {"AGGREGATE", SECTION_PRE_DATA, PRIO_AGG},
    {"CAST", SECTION_PRE_DATA, PRIO_CAST},
    {"CONVERSION", SECTION_PRE_DATA, PRIO_CONVERSION},
    {"OPERATOR", SECTION_PRE_DATA, PRIO_OPERATOR},
    {"TEXT SEARCH PARSER", SECTION_PRE_DATA, PRIO_TSPARSER},
    {"TEXT SEARCH TEMPLATE", SECTION_PRE_DATA, PRIO_TSTEMPLATE},
    {"TEXT SEARCH DICTIONARY", SECTION_PRE_DATA, PRIO_TSDICT},
    {"TEXT SEARCH CONFIGURATION", SECTION_PRE_DATA, PRIO_TSCONFIG},
    {"FOREIGN DATA WRAPPER", SECTION_PRE_DATA, PRIO_FDW},
    {"SERVER", SECTION_PRE_DATA, PRIO_FOREIGN_SERVER},
    {"USER MAPPING", SECTION_PRE_DATA, PRIO_FOREIGN_SERVER},
    {"FOREIGN TABLE", SECTION_PRE_DATA, PRIO_TABLE},
    {"OPERATOR FAMILY", SECTION_PRE_DATA, PRIO_OPFAMILY},
    {"OPERATOR CLASS", SECTION_PRE_DATA, PRIO_OPFAMILY},
    {"PROCEDURAL LANGUAGE", SECTION_PRE_DATA, PRIO_PROCLANG},
    {"TRANSFORM", SECTION_PRE_DATA, PRIO_TRANSFORM},
    {"ACCESS METHOD", SECTION_PRE_DATA, PRIO_ACCESS_METHOD},
    {"BLOBS", SECTION_DATA, PRIO_BLOB_DATA},
};

const DescInfo &info_for(const std::string &desc) {
    for (const DescInfo &d : kDescs)
        if (desc == d.desc)
            return d;
    throw std::logic_error("no section known for TOC entry type \"" + desc + "\"");
}

} // namespace

int section_for_desc(const std::string &desc) { return info_for(desc).section; }
int priority_for_desc(const std::string &desc) { return info_for(desc).priority; }

std::string sql_literal(const std::string &s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out.push_back('\'');
        out.push_back(c);
    }
    out.push_back('\'');
    return out;
}

/* A COMMENT or ACL entry: no section of its own, it follows its object. */
static TocEntry annex_entry(const char *desc, const std::string &sql, const std::string &tag,
                            const OptString &nspace, const OptString &owner) {
    TocEntry e;
    e.desc = desc;
    e.section = SECTION_NONE;
    e.tag = tag;
    e.nspace = nspace;
    e.owner = owner;
    e.defn = sql;
    return e;
}

TocEntry comment_entry(const std::string &target, const std::string &tag, const OptString &nspace,
                       const OptString &owner, const std::string &comment) {
    return annex_entry("COMMENT", "COMMENT ON " + target + " IS " + sql_literal(comment) + ";\n", tag, nspace,
                       owner);
}

TocEntry security_label_entry(const std::string &sql, const std::string &tag, const OptString &nspace,
                              const OptString &owner) {
    return annex_entry("SECURITY LABEL", sql, tag, nspace, owner);
}

static TocEntry acl_entry(const std::string &sql, const std::string &tag, const OptString &nspace,
                          const OptString &owner) {
    return annex_entry("ACL", sql, tag, nspace, owner);
}

TocEntry object_acl_entry(const std::string &kind, const std::string &name, const std::string &tag,
                          const OptString &nspace, const std::string &owner, const std::string &acl,
                          const OptString &base_acl) {
    std::string sql, error;
    AclTarget target{kind, name, "", owner};
    target.base_acl = base_acl;
    if (!acl_statements(acl, target, &sql, &error))
        throw std::runtime_error(error);
    return acl_entry(sql, tag, nspace, owner);
}

TocEntry default_acl_entry(const std::string &role, const OptString &schema, const std::string &objects,
                           const std::string &acl) {
    std::string sql, error;
    if (!default_acl_statements(role, schema, objects, acl, &sql, &error))
        throw std::runtime_error(error);
    TocEntry e;
    e.desc = "DEFAULT ACL";
    e.section = SECTION_POST_DATA;
    e.tag = "DEFAULT PRIVILEGES FOR " + objects;
    e.nspace = schema;
    e.owner = role;
    e.defn = sql;
    return e;
}

TocEntry column_acl_entry(const std::string &table_name, const std::string &column_quoted,
                          const std::string &tag, const OptString &nspace, const std::string &owner,
                          const std::string &acl, const OptString &base_acl) {
    std::string sql, error;
    AclTarget target{"TABLE", table_name, column_quoted, owner};
    if (base_acl)
        target.base_acl = base_acl;
    if (!acl_statements(acl, target, &sql, &error))
        throw std::runtime_error(error);
    return acl_entry(sql, tag, nspace, owner);
}

DumpObject object_from_row(const CatalogRow &row) {
    DumpObject obj;
    obj.key = make_key(row.classid, row.objid);
    obj.priority = priority_for_desc(row.desc);
    obj.sort_schema = row.nspace.value_or("");
    obj.sort_name = row.tag;
    obj.stand_in_defn = row.stand_in.value_or("");

    TocEntry e;
    /* a base type's shell has no catalog row of its own: pg_dump writes 0 0 */
    bool shell = row.desc == "SHELL TYPE";
    e.tableoid = shell ? "0" : std::to_string(row.classid);
    e.oid = shell ? "0" : std::to_string(row.objid);
    e.tag = row.tag;
    e.desc = row.desc;
    e.section = section_for_desc(row.desc);
    e.defn = row.defn;
    e.drop_stmt = row.drop_stmt;
    e.nspace = row.nspace;
    e.tablespace = row.tablespace;
    e.tableam = row.tableam;
    e.owner = row.owner;
    obj.entries.push_back(std::move(e));

    /* a comment always has an owner field, empty for objects without an owner (dumpComment's "") */
    if (row.comment && row.comment_target)
        obj.entries.push_back(comment_entry(*row.comment_target, row.comment_tag.value_or(row.tag),
                                            row.nspace, row.owner ? row.owner : OptString(""), *row.comment));
    if (row.acl && row.acl_kind && row.acl_name)
        obj.entries.push_back(object_acl_entry(*row.acl_kind, *row.acl_name, row.acl_tag.value_or(row.tag),
                                               row.nspace, row.owner.value_or(""), *row.acl, row.acl_base));
    return obj;
}

} // namespace pd
