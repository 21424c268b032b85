#include "../../src/pure/restore_plan.h"
#include "../../src/pure/dump_plan.h"
#include "unit.h"

using namespace pd;

static TocEntry entry(int id, const char *desc, const char *tag, int section, std::vector<int> deps = {}) {
    TocEntry e;
    e.dump_id = id;
    e.desc = desc;
    e.tag = tag;
    e.section = section;
    e.nspace = std::string("s");
    e.deps = std::move(deps);
    e.defn = std::string("-- ") + tag;
    return e;
}

static std::vector<TocEntry> archive() {
    std::vector<TocEntry> v;
    v.push_back(entry(1, "ENCODING", "ENCODING", SECTION_PRE_DATA));
    v.push_back(entry(2, "TABLE", "t", SECTION_PRE_DATA));
    v.push_back(entry(3, "COMMENT", "TABLE t", SECTION_NONE, {2}));
    TocEntry d = entry(4, "TABLE DATA", "t", SECTION_DATA, {2});
    d.had_dumper = true;
    d.filename = "4.dat";
    d.copy_stmt = std::string("COPY s.t FROM stdin;\n");
    v.push_back(d);
    v.push_back(entry(5, "INDEX", "t_idx", SECTION_POST_DATA, {2}));
    v.push_back(entry(6, "CONSTRAINT", "t t_pkey", SECTION_POST_DATA, {2}));
    v.push_back(entry(7, "FK CONSTRAINT", "t t_fk", SECTION_POST_DATA, {2, 6}));
    v.push_back(entry(8, "ACL", "TABLE t", SECTION_NONE, {2}));
    v.push_back(entry(9, "MATERIALIZED VIEW DATA", "mv", SECTION_POST_DATA, {}));
    return v;
}

TEST(restore_plan_phases_and_dependencies) {
    RestorePlan p;
    std::string err;
    CHECK(p.build(archive(), std::vector<long long>(9, 0), RestoreSelection{}, &err));
    CHECK_EQ(p.items().size(), size_t(8)); /* ENCODING is a setting */
    CHECK_EQ(p.phase_items(PHASE_PRE), (spill_vector<int>{0, 1}));
    CHECK_EQ(p.phase_items(PHASE_MAIN), (spill_vector<int>{2, 3, 4, 5}));
    CHECK_EQ(p.phase_items(PHASE_ACL), spill_vector<int>{6});
    CHECK_EQ(p.phase_items(PHASE_POST_ACL), spill_vector<int>{7});
    /* the index and constraints wait for the data; the FK also for the PK */
    CHECK_EQ(p.items()[3].deps, spill_vector<int>{2});
    CHECK_EQ(p.items()[5].deps, (spill_vector<int>{2, 4}));
    CHECK_EQ(p.items()[2].work, WORK_COPY);
    CHECK_EQ(p.items()[2].table_item, 0); /* the data knows which item creates its table */
    /* an index locks nothing exclusively; constraints on one table conflict */
    CHECK(!p.conflict(3, 4));
    CHECK(p.conflict(4, 5));
}

TEST(restore_plan_selection) {
    RestorePlan p;
    std::string err;
    RestoreSelection s;
    s.output.data_only = true;
    CHECK(p.build(archive(), {}, s, &err));
    CHECK_EQ(p.items().size(), size_t(2)); /* TABLE DATA and MATERIALIZED VIEW DATA */
    RestoreSelection t;
    t.tables = {"t"};
    CHECK(p.build(archive(), {}, t, &err));
    CHECK_EQ(p.items().size(), size_t(2)); /* TABLE and TABLE DATA */
    RestoreSelection n;
    n.schemas = {"other"};
    CHECK(p.build(archive(), {}, n, &err));
    CHECK_EQ(p.items().size(), size_t(0));
}

TEST(restore_plan_refuses_hostile_file_names) {
    for (const char *bad : {"../../x", "/etc/passwd", "4.dat/../x", "x.dat", ".dat", "4.dat.gz", ""}) {
        auto v = archive();
        v[3].filename = bad;
        RestorePlan p;
        std::string err;
        CHECK(!p.build(v, {}, RestoreSelection{}, &err));
        CHECK(err.find("invalid data file name") != std::string::npos);
    }
    CHECK(safe_blob_filename("blob_16384.dat"));
    CHECK(!safe_blob_filename("blob_../x.dat"));
    auto v = archive();
    v[4].dump_id = 2;
    RestorePlan p;
    std::string err;
    CHECK(!p.build(v, {}, RestoreSelection{}, &err));
}

TEST(scheduler_skips_items_not_allowed_now) {
    WorkScheduler s;
    int a = s.add(100), b = s.add(50);
    CHECK_EQ(s.next_ready_if([&](int id) { return id != a; }), b);
    CHECK_EQ(s.next_ready_if([&](int) { return true; }), a);
}

TEST(drop_if_exists_rewrites_like_pg_restore) {
    TocEntry t = entry(1, "TABLE", "t", SECTION_PRE_DATA);
    t.drop_stmt = std::string("DROP TABLE s.t;\n");
    CHECK_EQ(drop_if_exists(t), std::string("DROP TABLE IF EXISTS s.t;\n"));
    TocEntry c = entry(2, "CONSTRAINT", "t t_pkey", SECTION_POST_DATA);
    c.drop_stmt = std::string("ALTER TABLE ONLY s.t DROP CONSTRAINT t_pkey;\n");
    CHECK_EQ(drop_if_exists(c), std::string("ALTER TABLE IF EXISTS ONLY s.t DROP CONSTRAINT IF EXISTS t_pkey;\n"));
    TocEntry d = entry(3, "DEFAULT", "t id", SECTION_PRE_DATA);
    d.drop_stmt = std::string("ALTER TABLE ONLY s.t ALTER COLUMN id DROP DEFAULT;\n");
    CHECK_EQ(drop_if_exists(d), std::string("ALTER TABLE IF EXISTS ONLY s.t ALTER COLUMN id DROP DEFAULT;\n"));
    TocEntry b = entry(4, "BLOB", "16400", SECTION_PRE_DATA);
    b.drop_stmt = std::string("SELECT pg_catalog.lo_unlink('16400');\n");
    CHECK(drop_if_exists(b).find("WHERE oid = '16400'") != std::string::npos);
}

TEST(scheduler_breaks_dependency_loops_on_request) {
    WorkScheduler s;
    int a = s.add(10, {1});
    int b = s.add(20, {0});
    CHECK_EQ(s.next_ready(), -1); /* a loop: nothing is ever ready */
    CHECK_EQ(s.next_despite_dependencies(), b);
    s.done(b);
    CHECK_EQ(s.next_ready(), a);
    s.done(a);
    CHECK_EQ(s.remaining(), size_t(0));
    CHECK_EQ(s.next_despite_dependencies(), -1);
}

/* Without --create pg_restore leaves the database alone: its entries, comment, ACL and label. */
TEST(restore_plan_skips_the_database_entries) {
    std::vector<TocEntry> v;
    v.push_back(entry(1, "DATABASE", "d", SECTION_PRE_DATA));
    v.push_back(entry(2, "COMMENT", "DATABASE d", SECTION_NONE, {1}));
    v.push_back(entry(3, "SECURITY LABEL", "DATABASE d", SECTION_NONE, {1}));
    v.push_back(entry(4, "ACL", "DATABASE d", SECTION_NONE, {1}));
    v.push_back(entry(5, "DATABASE PROPERTIES", "d", SECTION_PRE_DATA, {1}));
    v.push_back(entry(6, "TABLE", "t", SECTION_PRE_DATA));
    v.push_back(entry(7, "COMMENT", "TABLE t", SECTION_NONE, {6}));
    RestorePlan p;
    std::string err;
    CHECK(p.build(v, std::vector<long long>(7, 0), RestoreSelection{}, &err));
    CHECK_EQ(p.items().size(), size_t(2));
}
