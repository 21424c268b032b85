#include "acl_sql.h"

#include <cctype>
#include <iterator>
#include <vector>

#include "sql_ident.h"

#include "no_postgres.h"

namespace pd {
namespace {

/* One privilege: its aclitem letter and GRANT keyword. */
struct Privilege {
    char letter;
    const char *keyword;
};

/*
 * The privileges of an object type in the order pg_dump's parseAclItem
 * (dumputils.c) lists them; having every one of them is ALL.  Columns take
 * fewer than tables.  Returns false for a type that has no privileges.
 */
bool privileges_of(const std::string &kind, bool column, std::vector<Privilege> *out) {
    static const Privilege table[] = {{'r', "SELECT"}, {'a', "INSERT"}, {'x', "REFERENCES"}, {'d', "DELETE"},
                                      {'t', "TRIGGER"}, {'D', "TRUNCATE"}, {'w', "UPDATE"}};
    static const Privilege table_column[] = {{'r', "SELECT"}, {'a', "INSERT"}, {'x', "REFERENCES"}, {'w', "UPDATE"}};
    static const Privilege sequence[] = {{'r', "SELECT"}, {'U', "USAGE"}, {'w', "UPDATE"}};
    static const Privilege execute[] = {{'X', "EXECUTE"}};
    static const Privilege usage[] = {{'U', "USAGE"}};
    static const Privilege schema[] = {{'C', "CREATE"}, {'U', "USAGE"}};
    static const Privilege database[] = {{'C', "CREATE"}, {'c', "CONNECT"}, {'T', "TEMPORARY"}};
    static const Privilege create[] = {{'C', "CREATE"}};
    static const Privilege parameter[] = {{'s', "SET"}, {'A', "ALTER SYSTEM"}};
    static const Privilege large_object[] = {{'r', "SELECT"}, {'w', "UPDATE"}};
    auto take = [out](const Privilege *b, const Privilege *e) {
        out->assign(b, e);
        return true;
    };
#define PD_TAKE(a) take(std::begin(a), std::end(a))
    if (kind == "TABLE" || kind == "TABLES" || kind == "FOREIGN TABLE")
        return column ? PD_TAKE(table_column) : PD_TAKE(table);
    if (kind == "SEQUENCE" || kind == "SEQUENCES")
        return PD_TAKE(sequence);
    if (kind == "FUNCTION" || kind == "FUNCTIONS" || kind == "PROCEDURE" || kind == "PROCEDURES" ||
        kind == "ROUTINE" || kind == "ROUTINES")
        return PD_TAKE(execute);
    if (kind == "LANGUAGE" || kind == "TYPE" || kind == "TYPES" || kind == "DOMAIN" ||
        kind == "FOREIGN DATA WRAPPER" || kind == "FOREIGN SERVER")
        return PD_TAKE(usage);
    if (kind == "SCHEMA" || kind == "SCHEMAS")
        return PD_TAKE(schema);
    if (kind == "DATABASE")
        return PD_TAKE(database);
    if (kind == "TABLESPACE")
        return PD_TAKE(create);
    if (kind == "PARAMETER")
        return PD_TAKE(parameter);
    if (kind == "LARGE OBJECT")
        return PD_TAKE(large_object);
#undef PD_TAKE
    return false;
}

bool known_letter(char c) { return std::string("arwdDxtXUCcTsA").find(c) != std::string::npos; }

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

std::string sql_role(const std::string &role) { return role.empty() ? "PUBLIC" : fmt_id(role); }

namespace {

struct AclItem {
    std::string grantee, grantor;
    std::string letters; /* as written, '*' after a grantable one */
};

bool parse_item(const std::string &item, AclItem *out, std::string *error) {
    size_t pos = 0;
    if (!read_role(item, &pos, &out->grantee) || pos >= item.size() || item[pos] != '=') {
        *error = "malformed aclitem \"" + item + "\"";
        return false;
    }
    size_t letters_start = ++pos;
    for (; pos < item.size() && item[pos] != '/'; pos++)
        if (item[pos] != '*' && !known_letter(item[pos])) {
            *error = std::string("unknown privilege \"") + item[pos] + "\" in aclitem \"" + item + "\"";
            return false;
        }
    out->letters = item.substr(letters_start, pos - letters_start);
    if (pos >= item.size() || !read_role(item, &++pos, &out->grantor) || pos != item.size()) {
        *error = "malformed aclitem \"" + item + "\"";
        return false;
    }
    return true;
}

bool parse_acl(const std::string &text, std::vector<AclItem> *items, std::string *error) {
    std::vector<std::string> raw;
    if (!split_array(text, &raw)) {
        *error = "malformed aclitem array \"" + text + "\"";
        return false;
    }
    for (const std::string &r : raw) {
        AclItem it;
        if (!parse_item(r, &it, error))
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

/*
 * The privilege lists of one item as GRANT/REVOKE write them, like
 * parseAclItem: the type's privileges in its order, each with the column
 * when there is one, ALL when the item has all of them.  Without
 * split_grantable (REVOKE) grantable privileges count as plain ones.
 */
void privilege_lists(const AclItem &item, const std::vector<Privilege> &privileges, const std::string &column,
                     bool split_grantable, std::string *plain, std::string *grantable) {
    plain->clear();
    grantable->clear();
    bool all_plain = true, all_grantable = true;
    const std::string col = column.empty() ? "" : "(" + column + ")";
    for (const Privilege &p : privileges) {
        size_t at = item.letters.find(p.letter);
        if (at == std::string::npos) {
            all_plain = all_grantable = false;
            continue;
        }
        bool with_option = split_grantable && at + 1 < item.letters.size() && item.letters[at + 1] == '*';
        std::string &list = with_option ? *grantable : *plain;
        (with_option ? all_plain : all_grantable) = false;
        list += (list.empty() ? "" : ",") + std::string(p.keyword) + col;
    }
    if (all_grantable) {
        plain->clear();
        *grantable = "ALL" + col;
    } else if (all_plain) {
        grantable->clear();
        *plain = "ALL" + col;
    }
}

/* aclitem text for one role, quoted as aclitem output does when needed */
std::string acl_role(const std::string &role) {
    bool plain = !role.empty();
    for (char c : role)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            plain = false;
    return plain || role.empty() ? role : double_quoted(role);
}

} // namespace

std::string default_acl(const std::string &kind, const std::string &owner) {
    /* acldefault(): PUBLIC's entry (if any) first, then the owner's */
    std::string world, mine;
    if (kind == "TABLE" || kind == "TABLES" || kind == "FOREIGN TABLE")
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
    else if (kind == "DATABASE") {
        world = "Tc";
        mine = "CTc";
    }
    std::string o = acl_role(owner), out = "{";
    if (!world.empty())
        out += "=" + world + "/" + o;
    if (!mine.empty())
        out += std::string(world.empty() ? "" : ",") + o + "=" + mine + "/" + o;
    return out + "}";
}

/*
 * As pg_dump's buildACLCommands: REVOKE what the base has and the object no
 * longer has, then GRANT what it has beyond the base, the owner's own grants
 * first, the others in array order.
 */
bool acl_statements(const std::string &acl_text, const AclTarget &t, std::string *sql, std::string *error) {
    std::vector<Privilege> privileges;
    if (!privileges_of(t.kind, !t.column.empty(), &privileges)) {
        *error = "no privileges known for object type \"" + t.kind + "\"";
        return false;
    }
    const std::string builtin = t.column.empty() ? default_acl(t.kind, t.owner) : "{}";
    /* no ACL at all is the built-in default (dumpACL) */
    std::vector<AclItem> items, base;
    if (!parse_acl(acl_text.empty() ? builtin : acl_text, &items, error) ||
        !parse_acl(t.base_acl ? *t.base_acl : builtin, &base, error))
        return false;
    const std::string on = " ON " + t.kind + " " + t.name;
    const std::string &pre = t.statement_prefix;
    std::string first, second, plain, grantable;
    for (const AclItem &b : base) {
        if (contains(items, b))
            continue;
        privilege_lists(b, privileges, t.column, false, &plain, &grantable);
        if (!plain.empty())
            first += pre + "REVOKE " + plain + on + " FROM " + sql_role(b.grantee) + ";\n";
    }
    for (const AclItem &it : items) {
        if (contains(base, it))
            continue;
        privilege_lists(it, privileges, t.column, true, &plain, &grantable);
        if (plain.empty() && grantable.empty())
            continue;
        const std::string &grantor = it.grantor.empty() ? t.owner : it.grantor;
        bool owners_own = !t.owner.empty() && it.grantee == t.owner && grantor == t.owner;
        std::string &out = owners_own ? first : second;
        bool other_grantor = t.other_grantors && !grantor.empty() && grantor != t.owner;
        if (other_grantor)
            out += "SET SESSION AUTHORIZATION " + fmt_id(grantor) + ";\n";
        if (!plain.empty())
            out += pre + "GRANT " + plain + on + " TO " + sql_role(it.grantee) + ";\n";
        if (!grantable.empty())
            out += pre + "GRANT " + grantable + on + " TO " + sql_role(it.grantee) + " WITH GRANT OPTION;\n";
        if (other_grantor)
            out += "RESET SESSION AUTHORIZATION;\n";
    }
    *sql = first + second;
    return true;
}

bool default_acl_statements(const std::string &role, const std::optional<std::string> &schema, const std::string &objects,
                            const std::string &acl, std::string *sql, std::string *error) {
    AclTarget target{objects, "", "", role};
    target.statement_prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + fmt_id(role) + " ";
    if (schema) {
        target.statement_prefix += "IN SCHEMA " + fmt_id(*schema) + " ";
        /* per-schema defaults only add to the global ones: their base is empty */
        target.base_acl = "{}";
    }
    target.other_grantors = false;
    return acl_statements(acl, target, sql, error);
}

} // namespace pd
