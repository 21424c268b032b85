#include "../../src/pure/acl_sql.h"
#include "../../src/pure/path_template.h"
#include "../../src/pure/sql_ident.h"
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

TEST(identifiers_quoted_as_fmtid) {
    CHECK_EQ(fmt_id("fid_reader"), std::string("fid_reader"));
    CHECK_EQ(fmt_id("_x9"), std::string("_x9"));
    CHECK_EQ(fmt_id("Fid Writer"), std::string("\"Fid Writer\""));
    CHECK_EQ(fmt_id("9lives"), std::string("\"9lives\""));
    CHECK_EQ(fmt_id("caf\xc3\xa9"), std::string("\"caf\xc3\xa9\""));
    CHECK_EQ(fmt_id("we\"ird"), std::string("\"we\"\"ird\""));
    CHECK_EQ(fmt_id(""), std::string("\"\""));
    /* reserved, column-name and type/function-name keywords are quoted, unreserved ones not */
    CHECK_EQ(fmt_id("user"), std::string("\"user\""));
    CHECK_EQ(fmt_id("int"), std::string("\"int\""));
    CHECK_EQ(fmt_id("left"), std::string("\"left\""));
    CHECK_EQ(fmt_id("xmltable"), std::string("\"xmltable\""));
    CHECK_EQ(fmt_id("all"), std::string("\"all\""));
    CHECK_EQ(fmt_id("admin"), std::string("admin"));
    CHECK_EQ(fmt_id("postgres"), std::string("postgres"));
    CHECK_EQ(fmt_id("zone"), std::string("zone"));
    CHECK(!is_quoted_keyword("abort"));
    CHECK(is_quoted_keyword("analyse"));
}

TEST(acl_grants_what_differs_from_the_default) {
    std::string sql, err;
    CHECK(acl_statements("{alice=arwdDxt/alice,bob=r/alice,=r/alice}", AclTarget{"TABLE", "s.t", "", "alice"}, &sql,
                         &err));
    CHECK_EQ(sql, std::string("GRANT SELECT ON TABLE s.t TO bob;\n"
                              "GRANT SELECT ON TABLE s.t TO PUBLIC;\n"));
    /* one privilege left of the owner's: REVOKE ALL, then the owner's grant before the others */
    CHECK(acl_statements("{\"Bo b\"=ar/alice,alice=r/alice}", AclTarget{"TABLE", "s.t", "", "alice"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON TABLE s.t FROM alice;\n"
                              "GRANT SELECT ON TABLE s.t TO alice;\n"
                              "GRANT SELECT,INSERT ON TABLE s.t TO \"Bo b\";\n"));
    CHECK(acl_statements("{o=X/o}", AclTarget{"FUNCTION", "s.f()", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON FUNCTION s.f() FROM PUBLIC;\n"));
    AclTarget t{"SCHEMA", "public", "", "pg_database_owner"};
    t.base_acl = std::string("{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}");
    CHECK(acl_statements("{pg_database_owner=UC/pg_database_owner}", t, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE USAGE ON SCHEMA public FROM PUBLIC;\n"));
    /* the same ACL as the default: nothing to write */
    CHECK(acl_statements("{alice=arwdDxt/alice}", AclTarget{"TABLE", "s.t", "", "alice"}, &sql, &err));
    CHECK_EQ(sql, std::string(""));
}

TEST(acl_all_when_every_privilege_of_the_type) {
    std::string sql, err;
    CHECK(acl_statements("{o=arwdDxt/o,r=arwdDxt/o,w=wradDt/o}", AclTarget{"TABLE", "s.t", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT ALL ON TABLE s.t TO r;\n"
                              "GRANT SELECT,INSERT,DELETE,TRIGGER,TRUNCATE,UPDATE ON TABLE s.t TO w;\n"));
    CHECK(acl_statements("{o=rwU/o,r=rwU/o,w=rw/o}", AclTarget{"SEQUENCE", "s.q", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT ALL ON SEQUENCE s.q TO r;\n"
                              "GRANT SELECT,UPDATE ON SEQUENCE s.q TO w;\n"));
    CHECK(acl_statements("{o=UC/o,r=UC/o,w=U/o}", AclTarget{"SCHEMA", "s", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT ALL ON SCHEMA s TO r;\nGRANT USAGE ON SCHEMA s TO w;\n"));
    CHECK(acl_statements("{=X/o,o=X/o,r=X/o}", AclTarget{"FUNCTION", "s.f()", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT ALL ON FUNCTION s.f() TO r;\n"));
    /* every privilege grantable: ALL WITH GRANT OPTION; some: split */
    CHECK(acl_statements("{o=X/o,r=X*/o}", AclTarget{"FUNCTION", "s.f()", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON FUNCTION s.f() FROM PUBLIC;\n"
                              "GRANT ALL ON FUNCTION s.f() TO r WITH GRANT OPTION;\n"));
    CHECK(acl_statements("{o=rw/o,r=r*w/o}", AclTarget{"LARGE OBJECT", "7", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT UPDATE ON LARGE OBJECT 7 TO r;\n"
                              "GRANT SELECT ON LARGE OBJECT 7 TO r WITH GRANT OPTION;\n"));
    /* REVOKE names what the base entry had, grantable or not */
    AclTarget init{"FUNCTION", "e.f(integer)", "", "o"};
    init.base_acl = std::string("{=X/o,o=X/o,r=X*/o}");
    CHECK(acl_statements("{=X/o,o=X/o}", init, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON FUNCTION e.f(integer) FROM r;\n"));
    AclTarget tab{"TABLE", "e.t", "", "o"};
    tab.base_acl = std::string("{o=arwdDxt/o,=r/o}");
    CHECK(acl_statements("{o=arwdDxt/o,=w/o}", tab, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE SELECT ON TABLE e.t FROM PUBLIC;\nGRANT UPDATE ON TABLE e.t TO PUBLIC;\n"));
}

TEST(acl_grant_options_and_other_grantors) {
    std::string sql, err;
    /* the text form quotes array elements that hold quotes, as PostgreSQL prints it */
    CHECK(acl_statements("{o=X/o,\"\\\"we\\\"\\\"ird\\\"=X*/o\",\"c=X/\\\"we\\\"\\\"ird\\\"\"}",
                         AclTarget{"FUNCTION", "s.f(integer)", "", "o"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON FUNCTION s.f(integer) FROM PUBLIC;\n"
                              "GRANT ALL ON FUNCTION s.f(integer) TO \"we\"\"ird\" WITH GRANT OPTION;\n"
                              "SET SESSION AUTHORIZATION \"we\"\"ird\";\n"
                              "GRANT ALL ON FUNCTION s.f(integer) TO c;\n"
                              "RESET SESSION AUTHORIZATION;\n"));
}

TEST(acl_column_privileges) {
    std::string sql, err;
    CHECK(acl_statements("{bob=rw*/alice}", AclTarget{"TABLE", "s.t", "\"Col\"", "alice"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT SELECT(\"Col\") ON TABLE s.t TO bob;\n"
                              "GRANT UPDATE(\"Col\") ON TABLE s.t TO bob WITH GRANT OPTION;\n"));
    CHECK(acl_statements("{bob=arwx/alice}", AclTarget{"TABLE", "s.t", "c", "alice"}, &sql, &err));
    CHECK_EQ(sql, std::string("GRANT ALL(c) ON TABLE s.t TO bob;\n"));
    /* a column privilege revoked from an extension member's initial ones: no ACL left */
    AclTarget init{"TABLE", "e.t", "c", "o"};
    init.base_acl = std::string("{=r/o}");
    CHECK(acl_statements("", init, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE SELECT(c) ON TABLE e.t FROM PUBLIC;\n"));
}

TEST(acl_rejects_malformed_text) {
    std::string sql, err;
    CHECK(!acl_statements("alice=r/alice", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(!acl_statements("{alice}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(!acl_statements("{alice=q/alice}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(!acl_statements("{alice=r}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK(!acl_statements("{a=r/a}", AclTarget{"GADGET", "t", "", "a"}, &sql, &err));
    CHECK(err.find("GADGET") != std::string::npos);
    CHECK(acl_statements("{}", AclTarget{"TABLE", "t", "", "a"}, &sql, &err));
    CHECK_EQ(sql, std::string("REVOKE ALL ON TABLE t FROM a;\n"));
}

TEST(acl_default_privileges) {
    std::string sql, err;
    CHECK(default_acl_statements("app", std::string("s"), "TABLES", "{reader=r/app}", &sql, &err));
    CHECK_EQ(sql, std::string("ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA s GRANT SELECT ON TABLES  TO reader;\n"));
    CHECK(default_acl_statements("App", std::nullopt, "FUNCTIONS", "{App=X/App}", &sql, &err));
    CHECK_EQ(sql, std::string("ALTER DEFAULT PRIVILEGES FOR ROLE \"App\" REVOKE ALL ON FUNCTIONS  FROM PUBLIC;\n"));
    CHECK(default_acl_statements("app", std::string("user"), "SEQUENCES", "{w=rwU/app}", &sql, &err));
    CHECK_EQ(sql, std::string("ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA \"user\" GRANT ALL ON SEQUENCES  TO w;\n"));
    CHECK(default_acl_statements("app", std::nullopt, "SCHEMAS", "{app=UC/app,r=U/app}", &sql, &err));
    CHECK_EQ(sql, std::string("ALTER DEFAULT PRIVILEGES FOR ROLE app GRANT USAGE ON SCHEMAS  TO r;\n"));
}
