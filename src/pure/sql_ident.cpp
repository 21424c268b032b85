#include "sql_ident.h"

#include <algorithm>
#include <iterator>

#include "no_postgres.h"

namespace pd {
namespace {

/* PostgreSQL 15's parser/kwlist.h: every keyword not of UNRESERVED_KEYWORD category, sorted */
const char *const kQuotedKeywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
    "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
    "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "dec",
    "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract",
    "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group",
    "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
    "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit",
    "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null",
    "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing",
    "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
    "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample",
    "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
    "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat",
    "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize",
    "xmltable",
};

} // namespace

bool is_quoted_keyword(const std::string &word) {
    return std::binary_search(std::begin(kQuotedKeywords), std::end(kQuotedKeywords), word,
                              [](const std::string &a, const std::string &b) { return a < b; });
}

std::string fmt_id(const std::string &name) {
    /* the identifier production of scan.l, ASCII only, no upper case */
    bool plain = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            plain = false;
    return plain && !is_quoted_keyword(name) ? name : double_quoted(name);
}

std::string double_quoted(const std::string &name) {
    std::string q = "\"";
    for (char c : name) {
        if (c == '"')
            q.push_back('"');
        q.push_back(c);
    }
    return q + "\"";
}

} // namespace pd
