/* The exact large-object statement texts a restore worker performs without SPI (pure/blob_sql.h). */
#include "../../src/pure/blob_sql.h"
#include "unit.h"

using namespace pd;

TEST(lo_create_exact_text_only) {
    uint32_t oid = 0;
    CHECK(match_lo_create("SELECT pg_catalog.lo_create('16385');\n", &oid));
    CHECK_EQ(oid, 16385u);
    CHECK(match_lo_create("SELECT pg_catalog.lo_create('4294967295');", &oid));
    CHECK_EQ(oid, 4294967295u);
    CHECK(match_lo_create("SELECT pg_catalog.lo_create('0');", &oid));
    CHECK_EQ(oid, 0u);
    const char *other[] = {
        "SELECT pg_catalog.lo_create('4294967296');\n", /* out of range */
        "SELECT pg_catalog.lo_create('00016385');\n",   /* not as pg_dump writes it */
        "SELECT pg_catalog.lo_create('-1');\n",
        "SELECT pg_catalog.lo_create(' 16385');\n",
        "SELECT pg_catalog.lo_create('');\n",
        "SELECT  pg_catalog.lo_create('16385');\n",
        "select pg_catalog.lo_create('16385');\n",
        "SELECT lo_create('16385');\n",
        "SELECT pg_catalog.lo_create(16385);\n",
        "SELECT pg_catalog.lo_create('16385')\n",
        "SELECT pg_catalog.lo_create('16385');\n\n",
        "SELECT pg_catalog.lo_create('16385'); SELECT pg_catalog.lo_create('16386');\n",
        "SELECT pg_catalog.lo_create('16385');\nDROP TABLE t;\n",
        "SELECT pg_catalog.lo_create('16385'", "",
    };
    for (const char *s : other)
        CHECK(!match_lo_create(s, &oid));
}

TEST(lo_owner_exact_text_only) {
    uint32_t oid = 0;
    std::string role;
    bool quoted = true;
    CHECK(match_lo_owner("ALTER LARGE OBJECT 16385 OWNER TO lo_owner;", &oid, &role, &quoted));
    CHECK_EQ(oid, 16385u);
    CHECK_EQ(role, std::string("lo_owner"));
    CHECK(!quoted);
    CHECK(match_lo_owner("ALTER LARGE OBJECT 7 OWNER TO _r2;\n", &oid, &role, &quoted));
    CHECK_EQ(role, std::string("_r2"));
    CHECK(!quoted);
    CHECK(match_lo_owner("ALTER LARGE OBJECT 7 OWNER TO \"Big \"\"q\"\" Role\";", &oid, &role, &quoted));
    CHECK_EQ(role, std::string("Big \"q\" Role"));
    CHECK(quoted);
    CHECK(match_lo_owner("ALTER LARGE OBJECT 7 OWNER TO \"a;b\";", &oid, &role, &quoted));
    CHECK_EQ(role, std::string("a;b"));
    CHECK(quoted);
    /* a keyword in quotes is a role's name: the caller must know it was quoted */
    CHECK(match_lo_owner("ALTER LARGE OBJECT 7 OWNER TO \"user\";", &oid, &role, &quoted));
    CHECK_EQ(role, std::string("user"));
    CHECK(quoted);
    const char *other[] = {
        "ALTER LARGE OBJECT 7 OWNER TO Owner;",   /* upper case folds in SQL: not as quote_identifier writes it */
        "ALTER LARGE OBJECT 7 OWNER TO 1r;",
        "ALTER LARGE OBJECT 7 OWNER TO \"\";",
        "ALTER LARGE OBJECT 7 OWNER TO \"open;",
        "ALTER LARGE OBJECT 7 OWNER TO \"a\"b;",
        "ALTER LARGE OBJECT 7 OWNER TO a b;",
        "ALTER LARGE OBJECT 7 OWNER TO r; DROP TABLE t;",
        "ALTER LARGE OBJECT 7 OWNER TO r",
        "ALTER LARGE OBJECT 07 OWNER TO r;",
        "ALTER LARGE OBJECT 4294967296 OWNER TO r;",
        "ALTER  LARGE OBJECT 7 OWNER TO r;",
        "alter large object 7 owner to r;",
        "ALTER LARGE OBJECT 7 OWNER TO r;\n\n",
    };
    for (const char *s : other)
        CHECK(!match_lo_owner(s, &oid, &role, &quoted));
}
