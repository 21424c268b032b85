#include "acl_sql.h"

#include <vector>

#include "no_postgres.h"

namespace pd {
namespace {

const char *privilege_keyword(char letter) {
    switch (letter) {
    case 'a': return "INSERT";
    case 'r': return "SELECT";
    case 'w': return "UPDATE";
    case 'd': return "DELETE";
    case 'D': return "TRUNCATE";
    case 'x': return "REFERENCES";
    case 't': return "TRIGGER";
    case 'X': return "EXECUTE";
    case 'U': return "USAGE";
    case 'C': return "CREATE";
    case 'c': return "CONNECT";
    case 'T': return "TEMPORARY";
    case 's': return "SET";
    case 'A': return "ALTER SYSTEM";
    default: return nullptr;
    }
}

/* Reads a role name as aclitem output writes it (putid): plain or "quoted". */
bool read_role(const std::string &s, size_t *pos, std::string *out) {
    out->clear();
    bool quoted = false;
    while (*pos < s.size()) {
        char c = s[*pos];
        if (c == '"') {
            if (quoted && *pos + 1 < s.size() && s[*pos + 1] == '"') {
                out->push_back('"');
                *pos += 2;
                continue;
            }
            quoted = !quoted;
            (*pos)++;
            continue;
        }
        if (!quoted && (c == '=' || c == '/' || c == ',' || c == '}'))
            break;
        out->push_back(c);
        (*pos)++;
    }
    return !quoted;
}

/* Splits "{a,b,"c,d"}" into items, honouring double quotes around items. */
bool split_array(const std::string &text, std::vector<std::string> *items) {
    if (text.size() < 2 || text.front() != '{' || text.back() != '}')
        return false;
    std::string cur;
    bool in_quotes = false;
    for (size_t i = 1; i + 1 < text.size(); i++) {
        char c = text[i];
        if (in_quotes) {
            if (c == '\\' && i + 2 < text.size()) {
                cur.push_back(text[++i]);
            } else if (c == '"') {
                in_quotes = false;
            } else {
                cur.push_back(c);
            }
        } else if (c == '"') {
            in_quotes = true;
        } else if (c == ',') {
            items->push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (in_quotes)
        return false;
    if (!cur.empty() || !items->empty())
        items->push_back(cur);
    return true;
}

} // namespace

std::string sql_identifier(const std::string &name) {
    std::string q = "\"";
    for (char c : name) {
        if (c == '"')
            q.push_back('"');
        q.push_back(c);
    }
    q.push_back('"');
    return q;
}

std::string sql_role(const std::string &role) { return role.empty() ? "PUBLIC" : sql_identifier(role); }

bool acl_statements(const std::string &acl_text, const AclTarget &t, std::string *sql,
                    std::string *error) {
    std::vector<std::string> items;
    if (!split_array(acl_text, &items)) {
        *error = "malformed aclitem array \"" + acl_text + "\"";
        return false;
    }
    const std::string on = t.name.empty() ? " ON " + t.kind : " ON " + t.kind + " " + t.name;
    const std::string &pre = t.statement_prefix;
    std::string out;
    if (t.column.empty() && t.rebuild_from_default) {
        out += pre + "REVOKE ALL" + on + " FROM PUBLIC;\n";
        out += pre + "REVOKE ALL" + on + " FROM " + sql_role(t.owner) + ";\n";
    }
    for (const std::string &item : items) {
        size_t pos = 0;
        std::string grantee, grantor;
        if (!read_role(item, &pos, &grantee) || pos >= item.size() || item[pos] != '=') {
            *error = "malformed aclitem \"" + item + "\"";
            return false;
        }
        pos++;
        std::string plain, with_option;
        while (pos < item.size() && item[pos] != '/') {
            const char *kw = privilege_keyword(item[pos]);
            if (!kw) {
                *error = std::string("unknown privilege \"") + item[pos] + "\" in aclitem \"" + item + "\"";
                return false;
            }
            bool grantable = pos + 1 < item.size() && item[pos + 1] == '*';
            std::string &list = grantable ? with_option : plain;
            if (!list.empty())
                list += ",";
            list += kw;
            if (!t.column.empty())
                list += "(" + t.column + ")";
            pos += grantable ? 2 : 1;
        }
        if (pos >= item.size() || !read_role(item, &++pos, &grantor) || pos != item.size()) {
            *error = "malformed aclitem \"" + item + "\"";
            return false;
        }
        bool other_grantor = t.other_grantors && grantor != t.owner;
        if (other_grantor)
            out += "SET SESSION AUTHORIZATION " + sql_role(grantor) + ";\n";
        if (!plain.empty())
            out += pre + "GRANT " + plain + on + " TO " + sql_role(grantee) + ";\n";
        if (!with_option.empty())
            out += pre + "GRANT " + with_option + on + " TO " + sql_role(grantee) + " WITH GRANT OPTION;\n";
        if (other_grantor)
            out += "RESET SESSION AUTHORIZATION;\n";
    }
    *sql = std::move(out);
    return true;
}

} // namespace pd
