#include "acl_sql.h"

#include <cctype>
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

namespace {

struct AclItem {
    std::string grantee, grantor;
    std::string plain, with_option; /* privilege keywords, comma-separated */
    std::string letters;            /* as written, to compare items */
};

bool parse_item(const std::string &item, const std::string &column, AclItem *out, std::string *error) {
    size_t pos = 0;
    if (!read_role(item, &pos, &out->grantee) || pos >= item.size() || item[pos] != '=') {
        *error = "malformed aclitem \"" + item + "\"";
        return false;
    }
    pos++;
    size_t letters_start = pos;
    while (pos < item.size() && item[pos] != '/') {
        const char *kw = privilege_keyword(item[pos]);
        if (!kw) {
            *error = std::string("unknown privilege \"") + item[pos] + "\" in aclitem \"" + item + "\"";
            return false;
        }
        bool grantable = pos + 1 < item.size() && item[pos + 1] == '*';
        std::string &list = grantable ? out->with_option : out->plain;
        if (!list.empty())
            list += ",";
        list += kw;
        if (!column.empty())
            list += "(" + column + ")";
        pos += grantable ? 2 : 1;
    }
    out->letters = item.substr(letters_start, pos - letters_start);
    if (pos >= item.size() || !read_role(item, &++pos, &out->grantor) || pos != item.size()) {
        *error = "malformed aclitem \"" + item + "\"";
        return false;
    }
    return true;
}

bool parse_acl(const std::string &text, const std::string &column, std::vector<AclItem> *items, std::string *error) {
    std::vector<std::string> raw;
    if (!split_array(text, &raw)) {
        *error = "malformed aclitem array \"" + text + "\"";
        return false;
    }
    for (const std::string &r : raw) {
        AclItem it;
        if (!parse_item(r, column, &it, error))
            return false;
        items->push_back(it);
    }
    return true;
}

bool same_item(const AclItem &a, const AclItem &b) {
    return a.grantee == b.grantee && a.grantor == b.grantor && a.letters == b.letters;
}

bool contains(const std::vector<AclItem> &list, const AclItem &item) {
    for (const AclItem &x : list)
        if (same_item(x, item))
            return true;
    return false;
}

/* aclitem text for one role, quoted as aclitem output does when needed */
std::string acl_role(const std::string &role) {
    bool plain = !role.empty();
    for (char c : role)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            plain = false;
    if (plain || role.empty())
        return role;
    std::string q = "\"";
    for (char c : role) {
        if (c == '"')
            q.push_back('"');
        q.push_back(c);
    }
    return q + "\"";
}

} // namespace

std::string default_acl(const std::string &kind, const std::string &owner) {
    /* acldefault(): PUBLIC's entry (if any) first, then the owner's */
    std::string world, mine;
    if (kind == "TABLE" || kind == "TABLES")
        mine = "arwdDxt";
    else if (kind == "SEQUENCE" || kind == "SEQUENCES")
        mine = "rwU";
    else if (kind == "FUNCTION" || kind == "PROCEDURE" || kind == "FUNCTIONS" || kind == "ROUTINES")
        world = mine = "X";
    else if (kind == "TYPE" || kind == "DOMAIN" || kind == "TYPES" || kind == "LANGUAGE")
        world = mine = "U";
    else if (kind == "SCHEMA" || kind == "SCHEMAS")
        mine = "UC";
    else if (kind == "LARGE OBJECT")
        mine = "rw";
    else if (kind == "FOREIGN DATA WRAPPER" || kind == "FOREIGN SERVER")
        mine = "U";
    else if (kind == "TABLESPACE")
        mine = "C";
    std::string o = acl_role(owner), out = "{";
    if (!world.empty())
        out += "=" + world + "/" + o;
    if (!mine.empty())
        out += std::string(world.empty() ? "" : ",") + o + "=" + mine + "/" + o;
    return out + "}";
}

bool acl_statements(const std::string &acl_text, const AclTarget &t, std::string *sql, std::string *error) {
    std::vector<AclItem> items, base;
    if (!parse_acl(acl_text, t.column, &items, error))
        return false;
    std::string base_text = t.base_acl ? *t.base_acl : (t.column.empty() ? default_acl(t.kind, t.owner) : "{}");
    if (!parse_acl(base_text, t.column, &base, error))
        return false;
    const std::string on = t.name.empty() ? " ON " + t.kind : " ON " + t.kind + " " + t.name;
    const std::string &pre = t.statement_prefix;
    std::string out;
    for (const AclItem &b : base)
        if (!contains(items, b))
            out += pre + "REVOKE ALL" + (t.column.empty() ? "" : "(" + t.column + ")") + on + " FROM " +
                   sql_role(b.grantee) + ";\n";
    for (const AclItem &it : items) {
        if (contains(base, it))
            continue;
        bool other_grantor = t.other_grantors && it.grantor != t.owner;
        if (other_grantor)
            out += "SET SESSION AUTHORIZATION " + sql_role(it.grantor) + ";\n";
        if (!it.plain.empty())
            out += pre + "GRANT " + it.plain + on + " TO " + sql_role(it.grantee) + ";\n";
        if (!it.with_option.empty())
            out += pre + "GRANT " + it.with_option + on + " TO " + sql_role(it.grantee) + " WITH GRANT OPTION;\n";
        if (other_grantor)
            out += "RESET SESSION AUTHORIZATION;\n";
    }
    *sql = std::move(out);
    return true;
}

} // namespace pd
