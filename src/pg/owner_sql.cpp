/* ALTER ... OWNER TO for an entry, as pg_restore writes it (owner_sql.h). */
#include "owner_sql.h"

char *pd_owner_statement(const pd::TocEntry &e) {
    if (!e.owner || e.owner->empty() || !e.drop_stmt || e.drop_stmt->empty())
        return NULL;
    static const char *const by_name[] = {
        "TABLE", "VIEW", "MATERIALIZED VIEW", "SEQUENCE", "FOREIGN TABLE", "TYPE", "DOMAIN", "COLLATION",
        "CONVERSION", "TEXT SEARCH DICTIONARY", "TEXT SEARCH CONFIGURATION", "STATISTICS", NULL};
    static const char *const global[] = {"SCHEMA", "FOREIGN DATA WRAPPER", "SERVER", "PUBLICATION",
                                         "SUBSCRIPTION", "EVENT TRIGGER", NULL};
    static const char *const by_drop[] = {"FUNCTION", "PROCEDURE", "AGGREGATE", "OPERATOR", "OPERATOR CLASS",
                                          "OPERATOR FAMILY", NULL};
    const char *desc = e.desc.c_str();
    const char *owner = quote_identifier(e.owner->c_str());
    for (int i = 0; by_name[i]; i++)
        if (strcmp(desc, by_name[i]) == 0)
            return psprintf("ALTER %s %s OWNER TO %s;", desc,
                            e.nspace ? quote_qualified_identifier(e.nspace->c_str(), e.tag.c_str())
                                     : quote_identifier(e.tag.c_str()),
                            owner);
    for (int i = 0; global[i]; i++)
        if (strcmp(desc, global[i]) == 0)
            return psprintf("ALTER %s %s OWNER TO %s;", desc, quote_identifier(e.tag.c_str()), owner);
    if (strcmp(desc, "PROCEDURAL LANGUAGE") == 0)
        return psprintf("ALTER LANGUAGE %s OWNER TO %s;", quote_identifier(e.tag.c_str()), owner);
    if (strcmp(desc, "BLOB") == 0)
        return psprintf("ALTER LARGE OBJECT %s OWNER TO %s;", e.tag.c_str(), owner);
    for (int i = 0; by_drop[i]; i++)
        if (strcmp(desc, by_drop[i]) == 0 && strncmp(e.drop_stmt->c_str(), "DROP ", 5) == 0) {
            /* the object's name as its DROP statement spells it */
            char *name = pstrdup(e.drop_stmt->c_str() + 5);
            int len = (int) strlen(name);
            while (len > 0 && (name[len - 1] == '\n' || name[len - 1] == ';'))
                name[--len] = '\0';
            return psprintf("ALTER %s OWNER TO %s;", name, owner);
        }
    return NULL;
}
