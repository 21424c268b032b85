/* pg_dump 15's sort (dump_order.h): the comparison, TopoSort's placement, boundaries, loops. */
#include "../../src/pure/catalog_rows.h"
#include "../../src/pure/dump_order.h"
#include "../../src/pure/dump_plan.h"
#include "unit.h"

using namespace pd;

namespace {

struct Key {
    int priority;
    std::string schema, name;
    int type;
    std::vector<std::string> ties;
    uint32_t oid;
    mutable std::string packed_ties; /* what key().ties points into */
    OrderKey key() const {
        OrderKey k;
        k.priority = priority;
        k.schema = schema;
        k.name = name;
        k.object_type = type;
        packed_ties = pack_ties(ties);
        k.ties = packed_ties;
        k.oid = oid;
        return k;
    }
};

bool before(const Key &a, const Key &b) { return order_before(a.key(), b.key()); }

/* Records of keys, their texts in *arena. */
std::vector<OrderRecord> items_of(const std::vector<Key> &keys, const std::vector<int> &sections, std::string *arena) {
    auto span = [&](const std::string &text) {
        TextSpan t{static_cast<uint32_t>(arena->size()), static_cast<uint32_t>(text.size())};
        arena->append(text);
        return t;
    };
    std::vector<OrderRecord> items(keys.size());
    for (size_t i = 0; i < keys.size(); i++) {
        items[i].priority = static_cast<int16_t>(keys[i].priority);
        items[i].schema = span(keys[i].schema);
        items[i].name = span(keys[i].name);
        items[i].object_type = static_cast<uint8_t>(keys[i].type);
        items[i].ties = span(pack_ties(keys[i].ties));
        items[i].oid = keys[i].oid;
        items[i].section = static_cast<int8_t>(sections[i]);
    }
    return items;
}

} // namespace

TEST(order_compares_priority_schema_name_type_ties_oid) {
    CHECK(before({1, "s", "z", 0, {}, 9}, {2, "a", "a", 0, {}, 1}));
    CHECK(before({1, "a", "z", 0, {}, 9}, {1, "b", "a", 0, {}, 1}));
    CHECK(before({1, "s", "x", 0, {}, 9}, {1, "", "a", 0, {}, 1})); /* no schema: after those with one */
    CHECK(before({1, "s", "B", 0, {}, 9}, {1, "s", "a", 0, {}, 1})); /* bytes, as strcmp */
    CHECK(before({1, "s", "ab", 0, {}, 9}, {1, "s", "abc", 0, {}, 1}));
    CHECK(before({1, "s", "t", 2, {}, 9}, {1, "s", "t", 3, {}, 1})); /* type before its shell */
    CHECK(before({1, "s", "f", 4, {"001", "pg_catalog", "text"}, 9}, {1, "s", "f", 4, {"002", "pg_catalog", "int4"}, 1}));
    CHECK(before({1, "s", "f", 4, {"001", "pg_catalog", "int4"}, 9}, {1, "s", "f", 4, {"001", "pg_catalog", "text"}, 1}));
    CHECK(before({1, "s", "f", 4, {"001", "a", "zz"}, 9}, {1, "s", "f", 4, {"001", "b", "aa"}, 1}));
    CHECK(before({1, "s", "f", 4, {}, 1}, {1, "s", "f", 4, {}, 2}));
    CHECK(!before({1, "s", "f", 4, {}, 2}, {1, "s", "f", 4, {}, 2}));
}

/* TopoSort works backwards from the end: a needed object is hoisted to just before its first user. */
TEST(order_topo_sort_moves_as_little_as_pg_dump) {
    std::vector<std::vector<size_t>> deps(5);
    deps[1] = {3};
    spill_vector<uint32_t> order;
    CHECK(topo_sort(DepGraph(deps), &order));
    CHECK_EQ(order, (spill_vector<uint32_t>{0, 3, 1, 2, 4}));

    deps.assign(4, {});
    deps[0] = {2};
    deps[2] = {1};
    CHECK(topo_sort(DepGraph(deps), &order));
    CHECK_EQ(order, (spill_vector<uint32_t>{1, 2, 0, 3}));

    deps[1] = {0}; /* 0 -> 2 -> 1 -> 0 */
    CHECK(!topo_sort(DepGraph(deps), &order));
    CHECK_EQ(order, (spill_vector<uint32_t>{0, 1, 2}));
    std::vector<bool> stuck{true, true, true, false};
    CHECK_EQ(find_loop(DepGraph(deps), 0, stuck), (std::vector<uint32_t>{0, 2, 1}));
    CHECK(find_loop(DepGraph(deps), 3, stuck).empty());
}

/* The section boundaries order the sections; an object moved to post-data (tied to neither
 * boundary) lands after what it needs and before the post-data objects that sort after it. */
TEST(order_boundaries_and_moved_objects) {
    std::vector<Key> keys = {{10, "s", "t", 12, {}, 1},  {10, "s", "mv", 12, {}, 2}, {20, "s", "idx", 15, {}, 3},
                             {30, "s", "trg", 19, {}, 4}, {15, "s", "t", 24, {}, 5}};
    std::string arena;
    std::vector<OrderRecord> items = items_of(keys, {SECTION_PRE_DATA, SECTION_NONE, SECTION_POST_DATA,
                                                     SECTION_POST_DATA, SECTION_DATA}, &arena);
    std::vector<std::vector<size_t>> deps(5);
    deps[1] = {2}; /* the matview needs the index */
    deps[4] = {0};
    std::vector<uint32_t> broken;
    CHECK_EQ(order_objects(arena, items, DepGraph(deps), 12, 17, &broken), (spill_vector<uint32_t>{0, 4, 2, 1, 3}));
    CHECK(broken.empty());

    /* a pre-data object that needs a post-data one: a loop through the boundaries, broken there */
    items[1].section = SECTION_PRE_DATA;
    CHECK_EQ(order_objects(arena, items, DepGraph(deps), 12, 17, &broken), (spill_vector<uint32_t>{0, 4, 2, 1, 3}));
    CHECK(broken.empty());

    /* any other loop: broken at the first object's dependency, reported */
    deps.assign(5, {});
    deps[0] = {1};
    deps[1] = {0};
    items[1].section = SECTION_PRE_DATA;
    spill_vector<uint32_t> order = order_objects(arena, items, DepGraph(deps), 12, 17, &broken);
    CHECK_EQ(order.size(), size_t(5));
    CHECK_EQ(broken.size(), size_t(1));
}

TEST(order_parses_text_arrays) {
    CHECK_EQ(parse_text_array("{}"), std::vector<std::string>{});
    CHECK_EQ(parse_text_array("{a,\"b c\",\"x\\\"y\\\\\",NULL,\"NULL\"}"),
             (std::vector<std::string>{"a", "b c", "x\"y\\", "", "NULL"}));
}

static DumpObject object(uint32_t oid, const char *desc, const char *schema, const char *tag, const char *name,
                         std::vector<std::string> ties = {}) {
    CatalogRow r;
    r.classid = 1255;
    r.objid = oid;
    r.desc = desc;
    r.tag = tag;
    if (*schema)
        r.nspace = std::string(schema);
    r.defn = std::string("-- ") + tag;
    DumpObject o = object_from_row(r);
    o.sort_name = name;
    o.sort_ties = std::move(ties);
    return o;
}

static std::vector<std::string> tags(const DumpPlan &p) {
    std::vector<std::string> out;
    for (const TocEntry &e : p.entries())
        out.push_back(e.tag);
    return out;
}

/* Functions of one name by their argument types, not by oid; triggers by name, then table. */
TEST(plan_sorts_by_pg_dump_names_and_ties) {
    DumpPlan p;
    p.add_object(object(30, "FUNCTION", "s", "f(text)", "f", {"001", "pg_catalog", "text"}));
    p.add_object(object(31, "FUNCTION", "s", "f(integer)", "f", {"001", "pg_catalog", "int4"}));
    p.add_object(object(32, "FUNCTION", "s", "f()", "f", {"000"}));
    p.add_object(object(33, "TRIGGER", "s", "a_table z_trig", "z_trig", {"a_table"}));
    p.add_object(object(34, "TRIGGER", "s", "b_table a_trig", "a_trig", {"b_table"}));
    p.add_object(object(35, "TRIGGER", "s", "a_table a_trig", "a_trig", {"a_table"}));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(notes.empty());
    CHECK_EQ(tags(p), (std::vector<std::string>{"f()", "f(integer)", "f(text)", "a_table a_trig", "b_table a_trig",
                                                 "a_table z_trig"}));
}

/* Within an object, entries come as pg_dump's dump functions write them, whatever order they were added in. */
TEST(plan_orders_entries_within_an_object) {
    DumpPlan p;
    DumpObject seq = object(40, "SEQUENCE", "s", "seq", "seq");
    seq.entries.push_back(object_acl_entry("SEQUENCE", "s.seq", "SEQUENCE seq", std::string("s"), "o", "{o=rwU/o,r=U/o}"));
    p.add_object(seq);
    p.add_trailing_entry(make_key(1255, 40), comment_entry("COLUMN s.seq.x", "COLUMN seq.x", std::string("s"),
                                                           std::string("o"), "c"));
    TocEntry owned;
    owned.desc = "SEQUENCE OWNED BY";
    owned.tag = "seq";
    owned.defn = std::string("ALTER SEQUENCE s.seq OWNED BY s.t.id;\n");
    p.add_trailing_entry(make_key(1255, 40), owned);
    std::vector<std::string> notes;
    p.finalize(&notes);
    std::vector<std::string> descs;
    for (const TocEntry &e : p.entries())
        descs.push_back(e.desc);
    CHECK_EQ(descs, (std::vector<std::string>{"SEQUENCE", "SEQUENCE OWNED BY", "COMMENT", "ACL"}));
    CHECK_EQ(p.entries()[1].deps, std::vector<int>{p.entries()[0].dump_id});
}

/* An object that is only a comment (on a constraint's index) sorts by its own priority and section. */
TEST(plan_sorts_comment_only_objects_by_their_kind) {
    DumpPlan p;
    p.add_object(object(50, "CONSTRAINT", "s", "t t_pkey", "t_pkey", {"1", "t"}));
    p.add_object(object(51, "INDEX", "s", "a_idx", "a_idx"));
    p.add_object(object(52, "INDEX", "s", "z_idx", "z_idx"));
    p.add_object(object(53, "TABLE", "s", "t", "t"));
    DumpObject comment;
    comment.key = make_key(PSEUDO_INDEX_COMMENT, 50);
    comment.priority = PRIO_INDEX;
    comment.sort_schema = "s";
    comment.sort_name = "t_pkey";
    comment.entries.push_back(comment_entry("INDEX s.t_pkey", "INDEX t_pkey", std::string("s"), std::string("o"), "c"));
    p.add_object(comment);
    p.add_dependency(make_key(PSEUDO_INDEX_COMMENT, 50), make_key(1255, 50));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(tags(p), (std::vector<std::string>{"t", "t t_pkey", "a_idx", "INDEX t_pkey", "z_idx"}));
}

/* Privileges on extension members sort as the members (a function among the functions), after the
 * extension; a member table's own privileges before its columns'. */
TEST(plan_sorts_extension_member_privileges_as_the_members) {
    DumpPlan p;
    DumpObject ext = object(60, "EXTENSION", "", "hs", "hs");
    p.add_object(ext);
    p.add_object(object(61, "FUNCTION", "a", "f()", "f", {"000"}));
    p.add_object(object(62, "FUNCTION", "z", "g()", "g", {"000"}));
    p.add_object(object(63, "TABLE", "a", "t", "t"));
    p.add_alias(make_key(1255, 70), make_key(1255, 60)); /* members */
    p.add_alias(make_key(1259, 71), make_key(1255, 60));
    p.add_trailing_entry(make_key(1255, 70), object_acl_entry("FUNCTION", "m.h()", "FUNCTION h()", std::string("m"),
                                                              "o", "{o=X/o}"));
    p.add_trailing_entry(make_key(1259, 71), column_acl_entry("m.mt", "c", "COLUMN mt.c", std::string("m"), "o",
                                                              "{r=r/o}"));
    p.add_trailing_entry(make_key(1259, 71), object_acl_entry("TABLE", "m.mt", "TABLE mt", std::string("m"), "o",
                                                              "{o=arwdDxt/o,r=r/o}"));
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK(notes.empty());
    CHECK_EQ(tags(p), (std::vector<std::string>{"hs", "f()", "FUNCTION h()", "g()", "t", "TABLE mt", "COLUMN mt.c"}));
}
