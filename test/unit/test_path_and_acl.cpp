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

TEST(acl_rebuilds_array_in_order) {
    std::string sql, err;
    CHECK(acl_statements("{alice=arwdDxt/alice,bob=r/alice,=r/alice}", AclTarget{"TABLE", "s.t", "", "alice"}, &sql,
                         &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON TABLE s.t FROM PUBLIC;\n"
                              "REVOKE ALL ON TABLE s.t FROM \"alice\";\n"
                              "GRANT INSERT,SELECT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER ON TABLE s.t TO \"alice\";\n"
                              "GRANT SELECT ON TABLE s.t TO \"bob\";\n"
                              "GRANT SELECT ON TABLE s.t TO PUBLIC;\n"));
}

TEST(acl_grant_options_and_other_grantors) {
    std::string sql, err;
    /* the text form quotes array elements that hold quotes, as PostgreSQL prints it */
    CHECK(acl_statements("{o=X/o,\"\\\"we\\\"\\\"ird\\\"=X*/o\",\"c=X/\\\"we\\\"\\\"ird\\\"\"}", AclTarget{"FUNCTION", "s.f(integer)", "", "o"},
                         &sql, &err));
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
}

TEST(acl_default_privileges) {
    std::string sql, err;
    AclTarget t{"TABLES", "", "", "app"};
    t.statement_prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE \"app\" IN SCHEMA \"s\" ";
    t.rebuild_from_default = false;
    t.other_grantors = false;
    CHECK(acl_statements("{reader=r/app}", t, &sql, &err));
    CHECK_EQ(sql, std::string("ALTER DEFAULT PRIVILEGES FOR ROLE \"app\" IN SCHEMA \"s\" GRANT SELECT ON TABLES TO \"reader\";\n"));
    t.rebuild_from_default = true;
    CHECK(acl_statements("{app=X/app}", t, &sql, &err));
    CHECK(sql.find("REVOKE ALL ON TABLES FROM PUBLIC;\n") != std::string::npos);
    CHECK(sql.find("SET SESSION") == std::string::npos);
}
