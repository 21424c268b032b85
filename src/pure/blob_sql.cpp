/* The exact texts of large objects' metadata statements (see blob_sql.h). */
#include "blob_sql.h"

#include <cstring>

#include "no_postgres.h"

namespace pd {

namespace {

/* A decimal OID (no sign, no leading zero, at most 4294967295) at *p: advances *p. */
bool take_oid(const char **p, uint32_t *oid) {
    const char *s = *p;
    if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
        return false;
    uint64_t v = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (uint64_t) (*s++ - '0');
        if (++digits > 10 || v > 0xFFFFFFFFu)
            return false;
    }
    *oid = (uint32_t) v;
    *p = s;
    return true;
}

bool take(const char **p, const char *word) {
    size_t n = std::strlen(word);
    if (std::strncmp(*p, word, n) != 0)
        return false;
    *p += n;
    return true;
}

/* The statement's end: ";" and at most one "\n". */
bool at_end(const char *p) { return p[0] == ';' && (p[1] == '\0' || (p[1] == '\n' && p[2] == '\0')); }

} // namespace

bool match_lo_create(const char *sql, uint32_t *oid) {
    const char *p = sql;
    uint32_t v;
    if (!take(&p, "SELECT pg_catalog.lo_create('") || !take_oid(&p, &v) || !take(&p, "')") || !at_end(p))
        return false;
    *oid = v;
    return true;
}

bool match_lo_owner(const char *sql, uint32_t *oid, std::string *role, bool *quoted) {
    const char *p = sql;
    uint32_t v;
    if (!take(&p, "ALTER LARGE OBJECT ") || !take_oid(&p, &v) || !take(&p, " OWNER TO "))
        return false;
    std::string name;
    bool in_quotes = *p == '"';
    if (in_quotes) {
        /* quoted: anything but a lone quote, "" for one; not empty */
        for (p++;; p++) {
            if (*p == '\0')
                return false;
            if (*p == '"') {
                if (p[1] != '"')
                    break;
                p++;
            }
            name.push_back(*p);
        }
        p++;
        if (name.empty())
            return false;
    } else {
        /*
         * plain: what quote_identifier leaves unquoted starts with a lower
         * case letter or "_" and has only those and digits (it quotes the
         * keywords that need it; the others are names here as in SQL)
         */
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return false;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
            name.push_back(*p++);
    }
    if (!at_end(p))
        return false;
    *oid = v;
    *role = name;
    *quoted = in_quotes;
    return true;
}

} // namespace pd
