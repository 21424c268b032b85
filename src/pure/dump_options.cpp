#include "dump_options.h"

#include "no_postgres.h"

namespace pd {
namespace {

/* entries of every archive (pg_dump writes the database's also with -a, -n, -t) */
bool is_special(const std::string &d) {
    return d == "ENCODING" || d == "STDSTRINGS" || d == "SEARCHPATH" || d == "DATABASE" || d == "DATABASE PROPERTIES";
}

/* What pg_dump counts as data: rows, sequence values, large objects, matview contents. */
bool is_data(const std::string &d) {
    return d == "TABLE DATA" || d == "SEQUENCE SET" || d == "BLOBS" || d == "BLOB" ||
           d == "MATERIALIZED VIEW DATA";
}

/* pg_dump -a keeps the comments, privileges and security labels of large objects (they are data) */
bool is_large_object_annex(const TocEntry &e) {
    return (e.desc == "COMMENT" || e.desc == "ACL" || e.desc == "SECURITY LABEL") &&
           e.tag.compare(0, 13, "LARGE OBJECT ") == 0;
}

} // namespace

bool entry_wanted(const TocEntry &e, const OutputOptions &o) {
    const std::string &d = e.desc;
    if (is_special(d))
        return true;
    if (o.schema_only && is_data(d))
        return false;
    if (o.data_only && !is_data(d) && !is_large_object_annex(e))
        return false;
    if (o.no_privileges && (d == "ACL" || d == "DEFAULT ACL"))
        return false;
    if (o.no_comments && d == "COMMENT")
        return false;
    if (o.no_publications && d.compare(0, 11, "PUBLICATION") == 0)
        return false;
    if (o.no_subscriptions && d == "SUBSCRIPTION")
        return false;
    if (o.no_blobs && (d == "BLOB" || d == "BLOBS"))
        return false;
    return true;
}

void adjust_entry(TocEntry *e, const OutputOptions &o) {
    if (o.no_owner)
        e->owner.reset();
}

} // namespace pd
