#include "../../src/pure/name_pattern.h"
#include "unit.h"

using namespace pd;

static std::vector<std::string> parts_of(const std::string &p, size_t max = 3) {
    std::vector<std::string> parts;
    std::string err;
    if (!name_pattern_to_regex(p, max, &parts, &err))
        return {"ERROR: " + err};
    return parts;
}

TEST(pattern_folds_case_and_expands_wildcards) {
    CHECK_EQ(parts_of("Foo*"), std::vector<std::string>{"^(foo.*)$"});
    CHECK_EQ(parts_of("a?c"), std::vector<std::string>{"^(a.c)$"});
    CHECK_EQ(parts_of("public.T"), (std::vector<std::string>{"^(public)$", "^(t)$"}));
    CHECK_EQ(parts_of("db.s.t"), (std::vector<std::string>{"^(db)$", "^(s)$", "^(t)$"}));
}

TEST(pattern_quotes_keep_case_and_literals) {
    CHECK_EQ(parts_of("\"Mixed Case\".\"Weird \"\"Name\"\"\""),
             (std::vector<std::string>{"^(Mixed Case)$", "^(Weird \"Name\")$"}));
    CHECK_EQ(parts_of("\"a.b*\""), std::vector<std::string>{"^(a\\.b\\*)$"});
    CHECK_EQ(parts_of("x$y"), std::vector<std::string>{"^(x\\$y)$"});
    CHECK_EQ(parts_of("[ab]c"), std::vector<std::string>{"^([ab]c)$"});
}

TEST(pattern_errors) {
    CHECK(parts_of("\"open")[0].find("unterminated") != std::string::npos);
    CHECK(parts_of("a.b.c.d")[0].find("too many dotted names") != std::string::npos);
    CHECK(parts_of("a.b.c", 2)[0].find("too many dotted names") != std::string::npos);
}
