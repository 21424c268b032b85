#include "../../src/pure/acl_sql.h"
#include "../../src/pure/path_template.h"
#include "unit.h"

using namespace pd;

TEST(path_template_expands_placeholders) {
    CivilTime t{2026, 3, 7, 4, 5, 9};
    std::string out, err;
    CHECK(expand_path_template("/b/shop-%Y%m%d-%H%M%S", t, &out, &err));
    CHECK_EQ(out, std::string("/b/shop-20260307-040509"));
    CHECK(expand_path_template("/b/100%%", t, &out, &err));
    CHECK_EQ(out, std::string("/b/100%"));
    CHECK(expand_path_template("/plain", t, &out, &err));
    CHECK_EQ(out, std::string("/plain"));
}

TEST(path_template_rejects_unknown_placeholders) {
    CivilTime t{2026, 1, 1, 0, 0, 0};
    std::string out = "untouched", err;
    CHECK(!expand_path_template("/b/%q", t, &out, &err));
    CHECK(err.find("%q") != std::string::npos);
    CHECK(!expand_path_template("/b/%", t, &out, &err));
    CHECK_EQ(out, std::string("untouched"));
}

TEST(acl_default_is_acldefault) {
    CHECK_EQ(default_acl("TABLE", "alice"), std::string("{alice=arwdDxt/alice}"));
    CHECK_EQ(default_acl("FUNCTION", "o"), std::string("{=X/o,o=X/o}"));
    CHECK_EQ(default_acl("SCHEMA", "a b"), std::string("{\"a b\"=UC/\"a b\"}"));
}

TEST(acl_grants_what_differs_from_the_default) {
    std::string sql, err;
    CHECK(acl_statements("{alice=arwdDxt/alice,bob=r/alice,=r/alice}", AclTarget{"TABLE", "s.t", "", "alice"}, &sql,
                         &err));
    CHECK_EQ(sql, std::string("GRANT SELECT ON TABLE s.t TO \"bob\";\n"
                              "GRANT SELECT ON TABLE s.t TO PUBLIC;\n"));
    CHECK(acl_statements("{alice=r/alice}", AclTarget{"TABLE", "s.t", "", "alice"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON TABLE s.t FROM \"alice\";\n"
                              "GRANT SELECT ON TABLE s.t TO \"alice\";\n"));
    CHECK(acl_statements("{o=X/o}", AclTarget{"FUNCTION", "s.f()", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON FUNCTION s.f() FROM PUBLIC;\n"));
    AclTarget t{"SCHEMA", "public", "", "pg_database_owner"};
    t.base_acl = std::string("{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}");
    CHECK(acl_statements("{pg_database_owner=UC/pg_database_owner}", t, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON SCHEMA public FROM PUBLIC;\n"));
}

TEST(acl_grant_options_and_other_grantors) {
    std::string sql, err;
    /* the text form quotes array elements that hold quotes, as PostgreSQL prints it */
    CHECK(acl_statements("{o=X/o,\"\\\"we\\\"\\\"ird\\\"=X*/o\",\"c=X/\\\"we\\\"\\\"ird\\\"\"}",
                         AclTarget{"FUNCTION", "s.f(integer)", "", "o"}, &sql, &err));
    CHECK(sql.find("REVOKE ALL ON FUNCTION s.f(integer) FROM PUBLIC;\n") == 0);
    CHECK(sql.find("GRANT EXECUTE ON FUNCTION s.f(integer) TO \"we\"\"ird\" WITH GRANT OPTION;\n") != std::string::npos);
    CHECK(sql.find("SET SESSION AUTHORIZATION \"we\"\"ird\";\nGRANT EXECUTE ON FUNCTION s.f(integer) TO \"c\";\n"
                   "RESET SESSION AUTHORIZATION;\n") != std::string::npos);
}

TEST(acl_column_privileges) {
    std::string sql, err;
    CHECK(acl_statements("{bob=rw*/alice}", AclTarget{"TABLE", "s.t", "\"Col\"", "alice"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT SELECT(\"Col\") ON TABLE s.t TO \"bob\";\n"
                              "GRANT UPDATE(\"Col\") ON TABLE s.t TO \"bob\" WITH GRANT OPTION;\n"));
}

TEST(acl_rejects_malformed_text) {
    std::string sql, err;
    CHECK(!acl_statements("alice=r/alice", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(!acl_statements("{alice}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(!acl_statements("{alice=q/alice}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(!acl_statements("{alice=r}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(acl_statements("{}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON TABLE t FROM \"a\";\n"));
}

TEST(acl_default_privileges) {
    std::string sql, err;
    AclTarget t{"TABLES", "", "", "app"};
    t.statement_prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE \"app\" IN SCHEMA \"s\" ";
    t.base_acl = std::string("{}");
    t.other_grantors = false;
    CHECK(acl_statements("{reader=r/app}", t, &sql, &err));
    CHECK_EQ(sql, std::string("ALTER DEFAULT PRIVILEGES FOR ROLE \"app\" IN SCHEMA \"s\" GRANT SELECT ON TABLES TO \"reader\";\n"));
    t.base_acl.reset();
    t.kind = "FUNCTIONS";
    CHECK(acl_statements("{app=X/app}", t, &sql, &err));
    CHECK_EQ(sql, std::string("ALTER DEFAULT PRIVILEGES FOR ROLE \"app\" IN SCHEMA \"s\" REVOKE ALL ON FUNCTIONS FROM PUBLIC;\n"));
}
