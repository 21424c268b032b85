/* A data-only restore loads referenced tables' rows first, read from the archive's FK CONSTRAINT entries. */
#include "../../src/pure/restore_plan.h"
#include "unit.h"

using namespace pd;

namespace {

TocEntry toc(int id, const char *desc, const char *tag, int section, std::vector<int> deps, const char *defn = "") {
    TocEntry e;
    e.dump_id = id;
    e.desc = desc;
    e.tag = tag;
    e.section = section;
    e.nspace = std::string("s");
    e.deps = std::move(deps);
    e.defn = std::string(defn);
    return e;
}

TocEntry data(int id, const char *tag, int table) {
    TocEntry d = toc(id, "TABLE DATA", tag, SECTION_DATA, {table});
    d.had_dumper = true;
    d.filename = std::to_string(id) + ".dat";
    d.copy_stmt = std::string("COPY s.x FROM stdin;\n");
    return d;
}

/*
 * Tables a, "B b" (refers to a through a's key), partitioned p with
 * partition p1 (p refers to a), c and d referring to each other, and e
 * referring to itself.
 */
std::vector<TocEntry> archive() {
    std::vector<TocEntry> v;
    v.push_back(toc(1, "TABLE", "a", SECTION_PRE_DATA, {}));
    v.push_back(toc(2, "TABLE", "B b", SECTION_PRE_DATA, {}));
    v.push_back(toc(3, "TABLE", "p", SECTION_PRE_DATA, {}));
    v.push_back(toc(4, "TABLE", "p1", SECTION_PRE_DATA, {}));
    v.push_back(toc(5, "TABLE ATTACH", "p1", SECTION_PRE_DATA, {3, 4}));
    v.push_back(toc(6, "TABLE", "c", SECTION_PRE_DATA, {}));
    v.push_back(toc(7, "TABLE", "d", SECTION_PRE_DATA, {}));
    v.push_back(toc(8, "TABLE", "e", SECTION_PRE_DATA, {}));
    v.push_back(data(11, "a", 1));
    v.push_back(data(12, "B b", 2));
    v.push_back(data(14, "p1", 4));
    v.push_back(data(16, "c", 6));
    v.push_back(data(17, "d", 7));
    v.push_back(data(18, "e", 8));
    v.push_back(toc(21, "CONSTRAINT", "a a_pkey", SECTION_POST_DATA, {1}));
    v.push_back(toc(22, "FK CONSTRAINT", "B b fk", SECTION_POST_DATA, {2, 21},
                    "ALTER TABLE ONLY s.\"B b\"\n    ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES s.a(x);\n"));
    v.push_back(toc(23, "FK CONSTRAINT", "p fk", SECTION_POST_DATA, {3, 1},
                    "ALTER TABLE s.p\n    ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES s.a(x);\n"));
    v.push_back(toc(24, "FK CONSTRAINT", "c fk", SECTION_POST_DATA, {6, 7},
                    "ALTER TABLE ONLY s.c\n    ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES s.d(x);\n"));
    v.push_back(toc(25, "FK CONSTRAINT", "d fk", SECTION_POST_DATA, {7, 6},
                    "ALTER TABLE ONLY s.d\n    ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES s.c(x);\n"));
    v.push_back(toc(26, "FK CONSTRAINT", "e fk", SECTION_POST_DATA, {8},
                    "ALTER TABLE ONLY s.e\n    ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES s.e(x);\n"));
    return v;
}

} // namespace

TEST(restore_data_only_loads_referenced_rows_first) {
    RestorePlan p;
    std::string err;
    RestoreSelection s;
    s.output.data_only = true;
    CHECK(p.build(archive(), {}, s, &err));
    CHECK_EQ(p.items().size(), size_t(6)); /* the TABLE DATA entries, a "B b" p1 c d e */
    CHECK_EQ(p.items()[0].deps, spill_vector<int>{});
    CHECK_EQ(p.items()[1].deps, spill_vector<int>{0}); /* "B b" after a, through a's key */
    CHECK_EQ(p.items()[2].deps, spill_vector<int>{0}); /* the partition of p after a */
    /* c and d refer to each other: one order only, never a cycle */
    CHECK_EQ(p.items()[3].deps.size() + p.items()[4].deps.size(), size_t(1));
    CHECK_EQ(p.items()[5].deps, spill_vector<int>{}); /* a self-reference orders nothing */
}

TEST(restore_with_schema_keeps_the_data_unordered) {
    /* with the schema the foreign keys come after all the data */
    RestorePlan p;
    std::string err;
    CHECK(p.build(archive(), {}, RestoreSelection{}, &err));
    for (const RestoreItem &it : p.items())
        if (it.work == WORK_COPY)
            CHECK_EQ(it.deps.size(), size_t(0)); /* tables are PRE, their data MAIN */
}
