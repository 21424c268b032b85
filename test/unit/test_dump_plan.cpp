#include <algorithm>

#include "../../src/pure/catalog_rows.h"
#include "../../src/pure/dump_plan.h"
#include "unit.h"

using namespace pd;

static DumpObject object(uint32_t cls, uint32_t oid, const char *desc, const char *name) {
    CatalogRow r;
    r.classid = cls;
    r.objid = oid;
    r.desc = desc;
    r.tag = name;
    r.nspace = std::string("s");
    r.defn = std::string("-- ") + name;
    return object_from_row(r);
}

static int position(const DumpPlan &p, const std::string &tag) {
    for (size_t i = 0; i < p.entries().size(); i++)
        if (p.entries()[i].tag == tag)
            return static_cast<int>(i);
    return -1;
}

TEST(plan_orders_by_priority_then_name) {
    DumpPlan p;
    p.add_object(object(1259, 10, "INDEX", "idx"));
    p.add_object(object(1259, 11, "TABLE", "b"));
    p.add_object(object(1259, 12, "TABLE", "a"));
    p.add_object(object(2615, 13, "SCHEMA", "s"));
    p.add_object(object(1255, 14, "FUNCTION", "f()"));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(notes.empty());
    CHECK(position(p, "s") < position(p, "f()"));
    CHECK(position(p, "f()") < position(p, "a"));
    CHECK(position(p, "a") < position(p, "b"));
    CHECK(position(p, "b") < position(p, "idx"));
}

TEST(plan_dependencies_move_objects_later) {
    DumpPlan p;
    p.add_object(object(1259, 20, "VIEW", "a_view"));   /* sorts first by name ... */
    p.add_object(object(1259, 21, "TABLE", "z_table")); /* ... but reads this table */
    p.add_object(object(2618, 99, "TABLE", "unrelated"));
    /* the view's rewrite rule depends on the table; the rule is folded into the view */
    p.add_alias(make_key(2618, 500), make_key(1259, 20));
    p.add_dependency(make_key(2618, 500), make_key(1259, 21));
    p.add_dependency(make_key(2618, 500), make_key(1259, 20)); /* self edge after folding: ignored */
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(position(p, "z_table") < position(p, "a_view"));
    const TocEntry &view = p.entries()[position(p, "a_view")];
    CHECK_EQ(view.deps, std::vector<int>{p.entries()[position(p, "z_table")].dump_id});
}

TEST(plan_breaks_dependency_loops) {
    DumpPlan p;
    p.add_object(object(1255, 1, "FUNCTION", "f()"));
    p.add_object(object(1255, 2, "FUNCTION", "g()"));
    p.add_dependency(make_key(1255, 1), make_key(1255, 2));
    p.add_dependency(make_key(1255, 2), make_key(1255, 1));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entries().size(), size_t(2));
    CHECK_EQ(notes.size(), size_t(1));
}

TEST(plan_comments_follow_objects_and_data_gets_files) {
    DumpPlan p;
    p.add_object(object(1259, 30, "TABLE", "t"));
    p.add_trailing_entry(make_key(1259, 30), comment_entry("TABLE s.t", "TABLE t", std::string("s"),
                                                           std::string("o"), "it's"));
    p.add_trailing_entry(make_key(1259, 31), comment_entry("TABLE s.gone", "TABLE gone", {}, {}, "x"));
    DumpObject data;
    data.key = make_key(PSEUDO_TABLE_DATA, 30);
    data.priority = PRIO_TABLE_DATA;
    data.is_table_data = true;
    data.data.relid = 30;
    data.data.size_bytes = 1000;
    TocEntry e;
    e.tag = "t";
    e.desc = "TABLE DATA";
    e.section = SECTION_DATA;
    e.had_dumper = true;
    data.entries.push_back(e);
    p.add_object(data);
    p.add_dependency(make_key(PSEUDO_TABLE_DATA, 30), make_key(1259, 30));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entries().size(), size_t(3));
    CHECK_EQ(p.entries()[1].desc, std::string("COMMENT"));
    CHECK_EQ(*p.entries()[1].defn, std::string("COMMENT ON TABLE s.t IS 'it''s';\n"));
    CHECK_EQ(p.entries()[1].deps, std::vector<int>{p.entries()[0].dump_id});
    const TocEntry &d = p.entries()[2];
    CHECK_EQ(d.deps, std::vector<int>{p.entries()[0].dump_id});
    CHECK_EQ(d.filename, std::to_string(d.dump_id) + ".dat");
    CHECK_EQ(p.data_items().size(), size_t(1));
    CHECK_EQ(p.data_items()[0].dump_id, d.dump_id);
    CHECK(p.is_dumped(make_key(1259, 30)));
}

TEST(plan_rejects_duplicates) {
    DumpPlan p;
    p.add_object(object(1259, 40, "TABLE", "t"));
    bool threw = false;
    try {
        p.add_object(object(1259, 40, "TABLE", "t"));
    } catch (const std::exception &) {
        threw = true;
    }
    CHECK(threw);
}

TEST(scheduler_hands_out_largest_first_and_respects_dependencies) {
    WorkScheduler s;
    int small = s.add(10);
    int big = s.add(1000);
    int mid = s.add(500);
    int after = s.add(5000, {small});
    CHECK_EQ(s.remaining(), size_t(4)); /* counted before the first hand-out */
    CHECK_EQ(s.next_ready(), big);
    CHECK_EQ(s.next_ready(), mid);
    CHECK_EQ(s.next_ready(), small);
    CHECK_EQ(s.next_ready(), -1);
    s.done(small);
    CHECK_EQ(s.next_ready(), after);
    s.done(big);
    s.done(mid);
    s.done(after);
    CHECK_EQ(s.remaining(), size_t(0));
    bool threw = false;
    try {
        s.done(big);
    } catch (const std::exception &) {
        threw = true;
    }
    CHECK(threw);
}

TEST(plan_output_options_drop_entries) {
    auto build = [](const OutputOptions &o) {
        DumpPlan p;
        p.set_output_options(o); /* before the objects: they are filtered as they come */
        p.add_object(object(1259, 50, "TABLE", "t"));
        p.add_trailing_entry(make_key(1259, 50), comment_entry("TABLE s.t", "TABLE t", std::string("s"),
                                                               std::string("o"), "c"));
        DumpObject data;
        data.key = make_key(PSEUDO_TABLE_DATA, 50);
        data.priority = PRIO_TABLE_DATA;
        data.is_table_data = true;
        TocEntry e;
        e.tag = "t";
        e.desc = "TABLE DATA";
        e.section = SECTION_DATA;
        e.owner = std::string("o");
        data.entries.push_back(e);
        p.add_object(data);
        p.add_dependency(make_key(PSEUDO_TABLE_DATA, 50), make_key(1259, 50));
        std::vector<std::string> notes;
        p.finalize(&notes);
        std::string descs;
        for (const TocEntry &x : p.entries())
            descs += x.desc + (x.owner ? "+" : "-") + ";";
        return descs + std::to_string(p.data_items().size());
    };
    CHECK_EQ(build(OutputOptions{}), std::string("TABLE-;COMMENT+;TABLE DATA+;1"));
    OutputOptions s;
    s.schema_only = true;
    CHECK_EQ(build(s), std::string("TABLE-;COMMENT+;0"));
    OutputOptions a;
    a.data_only = true;
    CHECK_EQ(build(a), std::string("TABLE DATA+;1"));
    OutputOptions c;
    c.no_comments = true;
    c.no_owner = true;
    CHECK_EQ(build(c), std::string("TABLE-;TABLE DATA-;1"));
}

/* A view whose query needs a primary key: created first as a stand-in, its query after the key. */
TEST(plan_view_needing_post_data_gets_a_stand_in) {
    DumpPlan p;
    p.add_object(object(1259, 40, "TABLE", "base"));
    p.add_object(object(2606, 41, "CONSTRAINT", "base base_pkey"));
    DumpObject view = object(1259, 42, "VIEW", "by_key");
    view.entries[0].defn = std::string("CREATE VIEW s.by_key AS\n SELECT key, data FROM s.base GROUP BY key;\n");
    view.stand_in_defn = "CREATE VIEW s.by_key AS\nSELECT\n    NULL::integer AS key;\n";
    p.add_object(view);
    DumpObject reader = object(1259, 43, "VIEW", "reads_by_key"); /* a view over the view: unaffected */
    reader.stand_in_defn = "CREATE VIEW s.reads_by_key AS\nSELECT;\n";
    p.add_object(reader);
    p.add_dependency(make_key(2606, 41), make_key(1259, 40));
    p.add_alias(make_key(2618, 600), make_key(1259, 42)); /* the view's rewrite rule */
    p.add_dependency(make_key(2618, 600), make_key(1259, 40));
    p.add_dependency(make_key(2618, 600), make_key(2606, 41));
    p.add_dependency(make_key(1259, 43), make_key(1259, 42));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(notes.empty());
    int stand_in = position(p, "by_key"), query = position(p, "by_key _RETURN"), key = position(p, "base base_pkey");
    CHECK(stand_in >= 0 && query >= 0);
    const TocEntry &v = p.entries()[stand_in];
    const TocEntry &q = p.entries()[query];
    CHECK_EQ(v.section, int(SECTION_PRE_DATA));
    CHECK_EQ(*v.defn, std::string("CREATE VIEW s.by_key AS\nSELECT\n    NULL::integer AS key;\n"));
    CHECK_EQ(q.desc, std::string("RULE"));
    CHECK_EQ(q.section, int(SECTION_POST_DATA));
    CHECK_EQ(*q.defn, std::string("CREATE OR REPLACE VIEW s.by_key AS\n SELECT key, data FROM s.base GROUP BY key;\n"));
    CHECK(key < query);
    CHECK(std::find(q.deps.begin(), q.deps.end(), p.entries()[key].dump_id) != q.deps.end());
    CHECK(std::find(q.deps.begin(), q.deps.end(), v.dump_id) != q.deps.end());
    CHECK(std::find(v.deps.begin(), v.deps.end(), p.entries()[key].dump_id) == v.deps.end());
    const TocEntry &r = p.entries()[position(p, "reads_by_key")];
    CHECK_EQ(r.section, int(SECTION_PRE_DATA));
    CHECK(r.defn->find("SELECT;") == std::string::npos); /* kept its own query */
}

/* A materialized view (or function) that needs a post-data object moves to post-data, and so
 * does what needs it in turn; other kinds are reported. */
TEST(plan_matview_needing_post_data_moves_there) {
    DumpPlan p;
    p.add_object(object(1259, 50, "TABLE", "t"));
    p.add_object(object(2606, 51, "CONSTRAINT", "t t_pkey"));
    p.add_object(object(1259, 52, "MATERIALIZED VIEW", "mv"));
    p.add_object(object(1255, 53, "FUNCTION", "f()"));
    p.add_object(object(1259, 54, "DEFAULT", "t x"));
    p.add_dependency(make_key(1259, 52), make_key(2606, 51));
    p.add_dependency(make_key(1255, 53), make_key(1259, 52));
    p.add_dependency(make_key(1259, 54), make_key(1255, 53));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entries()[position(p, "mv")].section, int(SECTION_POST_DATA));
    CHECK_EQ(p.entries()[position(p, "f()")].section, int(SECTION_POST_DATA));
    CHECK(position(p, "t t_pkey") < position(p, "mv"));
    CHECK(position(p, "mv") < position(p, "f()"));
    CHECK_EQ(notes.size(), size_t(1));
    CHECK(notes[0].find("DEFAULT s.t x needs FUNCTION f()") == 0);
}

/* REFRESH of a matview reading another matview through a view waits for that one's REFRESH. */
TEST(plan_matview_refresh_waits_through_views) {
    DumpPlan p;
    p.add_object(object(1259, 60, "MATERIALIZED VIEW", "a_top"));
    p.add_object(object(1259, 61, "VIEW", "middle"));
    p.add_object(object(1259, 62, "MATERIALIZED VIEW", "z_bottom"));
    p.add_dependency(make_key(1259, 60), make_key(1259, 61));
    p.add_dependency(make_key(1259, 61), make_key(1259, 62));
    for (uint32_t mv : {60u, 62u}) {
        DumpObject refresh = object(PSEUDO_MATVIEW_DATA, mv, "MATERIALIZED VIEW DATA", mv == 60 ? "a_top" : "z_bottom");
        refresh.entries[0].tag += " data";
        refresh.refreshes = make_key(1259, mv);
        p.add_object(refresh);
        p.add_dependency(make_key(PSEUDO_MATVIEW_DATA, mv), make_key(1259, mv));
    }
    std::vector<std::string> notes;
    p.finalize(&notes);
    const TocEntry &top = p.entries()[position(p, "a_top data")];
    const TocEntry &bottom = p.entries()[position(p, "z_bottom data")];
    CHECK(position(p, "z_bottom data") < position(p, "a_top data"));
    CHECK(std::find(top.deps.begin(), top.deps.end(), bottom.dump_id) != top.deps.end());
}

/* An object with no schema and a comment (target and tag alike). */
static DumpObject commented(uint32_t cls, uint32_t oid, const char *desc, const char *name, OptString defn,
                            const char *target, const char *comment) {
    CatalogRow r;
    r.classid = cls;
    r.objid = oid;
    r.desc = desc;
    r.tag = name;
    r.defn = defn;
    r.comment_target = std::string(target);
    r.comment_tag = std::string(target);
    r.comment = std::string(comment);
    return object_from_row(r);
}

/* Schema public as pg_dump writes it: no entry of its own, its comment and ACL still depend on its dump id. */
TEST(plan_omitted_own_entry_keeps_its_comment) {
    DumpPlan p;
    DumpObject schema = commented(2615, 2200, "SCHEMA", "public", {}, "SCHEMA public", "");
    schema.own_entry_omitted = true;
    p.add_object(std::move(schema));
    p.add_object(object(1259, 60, "TABLE", "t"));
    p.add_dependency(make_key(1259, 60), make_key(2615, 2200));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entries().size(), size_t(2));
    CHECK_EQ(p.entries()[0].desc, std::string("COMMENT"));
    CHECK_EQ(*p.entries()[0].defn, std::string("COMMENT ON SCHEMA public IS '';\n"));
    CHECK_EQ(p.entries()[0].deps, std::vector<int>{p.entries()[0].dump_id - 1});
    CHECK_EQ(p.entries()[1].desc, std::string("TABLE"));
    CHECK(p.entries()[1].deps.empty()); /* nothing depends on an entry that is not there */
}

/* pg_dump -a: the database entries and large objects' comments stay, other comments go. */
TEST(plan_data_only_keeps_database_and_large_object_comments) {
    DumpPlan p;
    OutputOptions a;
    a.data_only = true;
    p.set_output_options(a);
    p.add_object(commented(1262, 5, "DATABASE", "d", std::string("CREATE DATABASE d;\n"), "DATABASE d", "x"));
    DumpObject lo = object(2613, 7, "BLOB", "7");
    lo.entries.push_back(comment_entry("LARGE OBJECT 7", "LARGE OBJECT 7", {}, std::string("o"), "y"));
    p.add_object(std::move(lo));
    p.add_object(object(1259, 61, "TABLE", "t"));
    std::vector<std::string> notes;
    p.finalize(&notes);
    std::string got;
    for (const TocEntry &e : p.entries())
        got += e.desc + " " + e.tag + ";";
    CHECK_EQ(got, std::string("DATABASE d;BLOB 7;COMMENT LARGE OBJECT 7;"));
}

/* privileges on built-in objects are objects of their own, filed among pre-data (pg_restore --section) */
TEST(plan_files_privileges_only_objects_in_pre_data) {
    DumpPlan p;
    p.add_object(object(1259, 30, "TABLE", "t"));
    p.add_object(object(1259, 31, "INDEX", "t_idx"));
    p.add_object(object(1255, 32, "FUNCTION", "f()"));
    auto privileges = [&](uint32_t cls, uint32_t oid, const char *kind, const char *name) {
        DumpObject o;
        o.key = make_key(cls, oid);
        o.priority = PRIO_DEFAULT_ACL;
        o.sort_schema = "pg_catalog";
        o.sort_name = std::string(kind) + " " + name;
        o.entries.push_back(object_acl_entry(kind, name, o.sort_name, std::string("pg_catalog"), "postgres",
                                             "{postgres=X/postgres}"));
        p.add_object(std::move(o));
    };
    privileges(1255, 40, "FUNCTION", "now()");
    privileges(2615, 11, "SCHEMA", "pg_catalog");
    std::vector<std::string> notes;
    p.finalize(&notes);
    int now = position(p, "FUNCTION now()"), nsp = position(p, "SCHEMA pg_catalog");
    CHECK(now >= 0 && nsp >= 0);
    CHECK(nsp < position(p, "f()"));
    CHECK(now < position(p, "t"));
    CHECK(now < position(p, "t_idx"));
    /* pg_restore files an entry of no section into the section of the entries before it */
    for (int i = 0; i < now; i++)
        CHECK(p.entries()[i].section == SECTION_PRE_DATA || p.entries()[i].section == SECTION_NONE);
}

/* privileges equal to the default need no statement and have no entry */
TEST(plan_drops_acl_entries_without_statements) {
    DumpPlan p;
    CatalogRow r;
    r.classid = 1259;
    r.objid = 50;
    r.desc = "TABLE";
    r.tag = "t";
    r.nspace = std::string("s");
    r.owner = std::string("o");
    r.defn = std::string("CREATE TABLE s.t ();\n");
    r.acl_kind = std::string("TABLE");
    r.acl_name = std::string("s.t");
    r.acl = std::string("{o=arwdDxt/o}");
    p.add_object(object_from_row(r));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entries().size(), static_cast<size_t>(1));
}

/* An object only sorted (a cast -n leaves out) moves what it depends on as pg_dump's sort does,
 * and writes no entry; an entry depending on it depends on what it depends on. */
TEST(plan_sort_only_objects_order_but_are_not_written) {
    DumpPlan p;
    p.add_object(object(1247, 70, "TYPE", "t"));
    p.add_object(object(1255, 71, "FUNCTION", "a()"));
    p.add_object(object(1255, 72, "FUNCTION", "f()"));
    DumpObject cast = object(2605, 73, "CAST", "CAST (integer AS s.t)");
    cast.sort_schema.clear();
    cast.sort_only = true;
    p.add_object(std::move(cast));
    p.add_object(object(1259, 74, "TABLE", "tab"));
    p.add_dependency(make_key(2605, 73), make_key(1255, 72));
    p.add_dependency(make_key(1259, 74), make_key(2605, 73));
    p.add_trailing_entry(make_key(2605, 73), TocEntry{}); /* a comment on it: not written either */
    CHECK(!p.is_dumped(make_key(2605, 73)));
    CHECK(p.is_dumped(make_key(1255, 72)));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(notes.empty());
    CHECK_EQ(p.entries().size(), size_t(4));
    CHECK(position(p, "CAST (integer AS s.t)") < 0);
    CHECK(position(p, "t") < position(p, "f()"));
    CHECK(position(p, "f()") < position(p, "a()")); /* pulled up to the cast's place */
    CHECK_EQ(p.entries()[position(p, "tab")].deps, std::vector<int>{p.entries()[position(p, "f()")].dump_id});
    CHECK(!p.is_dumped(make_key(2605, 73)));
}

/* A split view's stand-in needs nothing its rewrite rule needs (pg_dump's repairViewRuleMultiLoop):
 * the table it reads keeps its place in the name order. */
TEST(plan_split_view_stand_in_needs_nothing_of_its_rule) {
    DumpPlan p;
    p.add_object(object(1259, 80, "TABLE", "z_base"));
    p.add_object(object(2606, 81, "CONSTRAINT", "z_base z_base_pkey"));
    p.add_object(object(1259, 82, "TABLE", "m_other"));
    DumpObject view = object(1259, 83, "VIEW", "a_view");
    view.entries[0].defn = std::string("CREATE VIEW s.a_view AS\n SELECT k FROM s.z_base GROUP BY k;\n");
    view.stand_in_defn = "CREATE VIEW s.a_view AS\nSELECT\n    NULL::integer AS k;\n";
    p.add_object(view);
    p.add_dependency(make_key(2606, 81), make_key(1259, 80));
    p.add_alias(make_key(2618, 800), make_key(1259, 83));
    p.add_dependency(make_key(2618, 800), make_key(1259, 80));
    p.add_dependency(make_key(2618, 800), make_key(2606, 81));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(notes.empty());
    CHECK(position(p, "a_view") < position(p, "m_other"));
    CHECK(position(p, "m_other") < position(p, "z_base"));
    CHECK(p.entries()[position(p, "a_view")].deps.empty());
    const TocEntry &q = p.entries()[position(p, "a_view _RETURN")];
    CHECK(std::find(q.deps.begin(), q.deps.end(), p.entries()[position(p, "z_base")].dump_id) != q.deps.end());
}

/* A sort-only post-data object keeps its dependencies: an INDEX ATTACH of a partition's index
 * depends, through the parent partition's sort-only constraint index, on that constraint. */
TEST(plan_sort_only_index_passes_its_dependencies_on) {
    DumpPlan p;
    p.add_object(object(1259, 90, "TABLE", "part"));
    p.add_object(object(2606, 91, "CONSTRAINT", "part part_pkey"));
    DumpObject index = object(1259, 92, "INDEX", "part_pkey");
    index.sort_only = true;
    p.add_object(std::move(index));
    p.add_object(object(PSEUDO_INDEX_ATTACH, 93, "INDEX ATTACH", "leaf_pkey"));
    p.add_dependency(make_key(2606, 91), make_key(1259, 90));
    p.add_dependency(make_key(1259, 92), make_key(2606, 91));
    p.add_dependency(make_key(PSEUDO_INDEX_ATTACH, 93), make_key(1259, 92));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entries().size(), size_t(3));
    CHECK_EQ(p.entries()[position(p, "leaf_pkey")].deps,
             std::vector<int>{p.entries()[position(p, "part part_pkey")].dump_id});
}

/* The entry of position(p, tag), by tag */
static const TocEntry &entry(const DumpPlan &p, const std::string &tag) { return p.entries()[position(p, tag)]; }

/* True when no entry of the plan has dump id id. */
static bool no_entry_has(const DumpPlan &p, int id) {
    return std::none_of(p.entries().begin(), p.entries().end(), [&](const TocEntry &e) { return e.dump_id == id; });
}

/* What pg_dump writes without the object's dependencies, or with ones of its own. */
TEST(plan_entries_depend_as_pg_dump_records_it) {
    DumpPlan p;
    p.add_object(object(2328, 1, "SERVER", "srv"));
    p.add_object(object(1418, 2, "USER MAPPING", "USER MAPPING u SERVER srv"));
    p.add_dependency(make_key(1418, 2), make_key(2328, 1));
    p.add_object(object(1262, 3, "DATABASE", "db"));
    p.add_object(object(PSEUDO_DATABASE_PROPERTIES, 3, "DATABASE PROPERTIES", "db props"));
    p.add_dependency(make_key(PSEUDO_DATABASE_PROPERTIES, 3), make_key(1262, 3));
    /* a table with privileges on itself and on a column */
    DumpObject t = object(1259, 4, "TABLE", "t");
    t.entries.push_back(object_acl_entry("TABLE", "s.t", "TABLE t", std::string("s"), "o", "{o=r/o,r=r/o}"));
    t.entries.push_back(column_acl_entry("s.t", "c", "COLUMN t.c", std::string("s"), "o", "{r=w/o}"));
    p.add_object(std::move(t));
    /* its data, ordered after another table's data but listing its table alone */
    p.add_object(object(1259, 5, "TABLE", "u"));
    DumpObject data = object(PSEUDO_TABLE_DATA, 4, "TABLE DATA", "t data");
    data.priority = PRIO_TABLE_DATA;
    DumpObject other = object(PSEUDO_TABLE_DATA, 5, "TABLE DATA", "u data");
    other.priority = PRIO_TABLE_DATA;
    p.add_object(std::move(data));
    p.add_object(std::move(other));
    p.add_dependency(make_key(PSEUDO_TABLE_DATA, 4), make_key(1259, 4));
    p.add_dependency(make_key(PSEUDO_TABLE_DATA, 5), make_key(1259, 5));
    p.add_order_dependency(make_key(PSEUDO_TABLE_DATA, 4), make_key(PSEUDO_TABLE_DATA, 5));
    /* a materialized view's data */
    p.add_object(object(1259, 6, "MATERIALIZED VIEW", "mv"));
    DumpObject refresh = object(PSEUDO_MATVIEW_DATA, 6, "MATERIALIZED VIEW DATA", "mv data");
    refresh.priority = PRIO_REFRESH_MATVIEW;
    p.add_object(std::move(refresh));
    p.add_dependency(make_key(PSEUDO_MATVIEW_DATA, 6), make_key(1259, 6));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(entry(p, "USER MAPPING u SERVER srv").deps.empty());
    CHECK(entry(p, "db props").deps.empty());
    const TocEntry &table = entry(p, "t"), &acl = entry(p, "TABLE t"), &column = entry(p, "COLUMN t.c");
    CHECK_EQ(acl.deps, std::vector<int>{table.dump_id});
    CHECK_EQ(column.deps, (std::vector<int>{table.dump_id, acl.dump_id}));
    CHECK(position(p, "u data") < position(p, "t data"));
    CHECK_EQ(entry(p, "t data").deps, std::vector<int>{table.dump_id});
    /* the view and a dump id of no entry below the last one (pg_dump's post-data boundary) */
    const TocEntry &mv_data = entry(p, "mv data");
    CHECK_EQ(mv_data.deps.size(), size_t(2));
    CHECK_EQ(mv_data.deps[0], entry(p, "mv").dump_id);
    CHECK(no_entry_has(p, mv_data.deps[1]) && mv_data.deps[1] > 0 && mv_data.deps[1] < mv_data.dump_id);
}

/* An ACL on an object that is not dumped depends on a dump id of no entry (pg_dump: the object's). */
TEST(plan_privileges_on_objects_not_dumped_name_a_stand_in) {
    DumpPlan p;
    DumpObject o;
    o.key = make_key(1255, 40);
    o.priority = PRIO_DEFAULT_ACL;
    o.sort_schema = "pg_catalog";
    o.sort_name = "FUNCTION now()";
    o.entries.push_back(object_acl_entry("FUNCTION", "now()", o.sort_name, std::string("pg_catalog"), "postgres",
                                         "{postgres=X/postgres}"));
    p.add_object(std::move(o));
    p.add_object(object(1259, 41, "TABLE", "t"));
    std::vector<std::string> notes;
    p.finalize(&notes);
    const TocEntry &acl = entry(p, "FUNCTION now()");
    CHECK_EQ(acl.deps.size(), size_t(1));
    CHECK(no_entry_has(p, acl.deps[0]) && acl.deps[0] > 0 && acl.deps[0] < acl.dump_id);
}

/* A data-only archive: table data lists its table's dump id, which no entry has but is in range. */
TEST(plan_data_only_table_data_names_its_table) {
    DumpPlan p;
    OutputOptions o;
    o.data_only = true;
    p.set_output_options(o);
    p.add_object(object(1259, 50, "TABLE", "t"));
    DumpObject data = object(PSEUDO_TABLE_DATA, 50, "TABLE DATA", "t");
    data.priority = PRIO_TABLE_DATA;
    data.entries[0].section = SECTION_DATA;
    p.add_object(std::move(data));
    p.add_dependency(make_key(PSEUDO_TABLE_DATA, 50), make_key(1259, 50));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entries().size(), size_t(1));
    const TocEntry &d = p.entries()[0];
    CHECK_EQ(d.desc, std::string("TABLE DATA"));
    CHECK_EQ(d.deps.size(), size_t(1));
    CHECK(no_entry_has(p, d.deps[0]) && d.deps[0] > 0 && d.deps[0] < d.dump_id); /* pg_restore checks the range */
}

/* An order-only dependency moves an object but is not listed among its dependencies. */
TEST(plan_order_dependency_orders_without_listing) {
    DumpPlan p;
    p.add_object(object(1247, 60, "TYPE", "a_type"));
    DumpObject shell = object(PSEUDO_SHELL_TYPE, 60, "SHELL TYPE", "z_shell");
    shell.priority = PRIO_TYPE;
    p.add_object(std::move(shell));
    p.add_order_dependency(make_key(1247, 60), make_key(PSEUDO_SHELL_TYPE, 60));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(position(p, "z_shell") < position(p, "a_type"));
    CHECK(entry(p, "a_type").deps.empty());
}

/* What a constraint's index needs orders the constraint without being listed (pg_dump lists the constraint's own). */
TEST(plan_constraint_index_needs_order_only) {
    DumpPlan p;
    p.add_object(object(3079, 70, "EXTENSION", "ext"));
    p.add_object(object(1259, 71, "TABLE", "t"));
    p.add_object(object(2606, 72, "CONSTRAINT", "t t_key"));
    p.add_alias(make_key(1259, 73), make_key(2606, 72));      /* the constraint's index */
    p.add_alias(make_key(2616, 74), make_key(3079, 70));      /* an operator class of the extension */
    p.add_dependency(make_key(2606, 72), make_key(1259, 71)); /* the constraint's own: its table */
    p.add_dependency(make_key(1259, 73), make_key(1259, 71)); /* the index's: the table ... */
    p.add_dependency(make_key(1259, 73), make_key(2616, 74)); /* ... and the operator class */
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(position(p, "ext") < position(p, "t t_key"));
    CHECK_EQ(entry(p, "t t_key").deps, std::vector<int>{entry(p, "t").dump_id});
}
