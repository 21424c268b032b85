/*
 * Large objects in the dump plan (DumpPlan::add_large_object): toc.dat is
 * byte for byte what the plan wrote with an object per large object (its
 * COMMENT and ACL entries, its SECURITY LABEL as a trailing entry), under
 * every output option, and the plan's memory does not grow with them.
 */
#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "../../src/pure/catalog_rows.h"
#include "../../src/pure/dump_plan.h"
#include "alloc_count.h"
#include "file_store.h"
#include "unit.h"

using namespace pd;

namespace {

constexpr uint32_t kLargeObjectClass = 2613;

/* Large object oid as large_objects.sql returns it: comments on some, privileges on others. */
DumpObject large_object(uint32_t oid) {
    const std::string name = std::to_string(oid), target = "LARGE OBJECT " + name;
    CatalogRow r;
    r.classid = kLargeObjectClass;
    r.objid = oid;
    r.desc = "BLOB";
    r.tag = name;
    r.owner = std::string(oid % 2 ? "lo_owner" : "postgres");
    r.defn = "SELECT pg_catalog.lo_create('" + name + "');\n";
    r.drop_stmt = "SELECT pg_catalog.lo_unlink('" + name + "');\n";
    r.comment_target = target;
    r.comment_tag = target;
    if (oid % 11 < 4)
        r.comment = "comment of " + name;
    r.acl_kind = std::string("LARGE OBJECT");
    r.acl_name = name;
    r.acl_tag = target;
    if (oid % 5 == 0)
        r.acl = "{" + *r.owner + "=rw/" + *r.owner + ",reader=r/" + *r.owner + ",writer=w/" + *r.owner + "}";
    else if (oid % 7 == 0)
        r.acl = "{" + *r.owner + "=rw/" + *r.owner + "}"; /* the default: no ACL entry */
    return object_from_row(r);
}

bool labelled(uint32_t oid) { return oid % 4 == 1; }

TocEntry label_of(uint32_t oid) {
    return security_label_entry("SECURITY LABEL FOR p ON LARGE OBJECT " + std::to_string(oid) + " IS 'x';\n",
                                "LARGE OBJECT " + std::to_string(oid), {}, std::string("postgres"));
}

DumpObject simple(ObjKey key, int priority, const std::string &desc, const std::string &name, int section) {
    DumpObject o;
    o.key = key;
    o.priority = priority;
    o.sort_schema = "s";
    o.sort_name = name;
    TocEntry e;
    e.tableoid = std::to_string(key >> 32);
    e.oid = std::to_string(static_cast<uint32_t>(key));
    e.desc = desc;
    e.tag = name;
    e.section = section;
    e.nspace = std::string("s");
    e.owner = std::string("postgres");
    e.defn = "-- " + desc + " " + name + "\n";
    o.entries.push_back(e);
    return o;
}

/* What surrounds the large objects: tables, their data, an index, the BLOBS entry. */
void add_others(DumpPlan *p) {
    p->add_object(simple(make_key(1259, 100), PRIO_TABLE, "TABLE", "t", SECTION_PRE_DATA));
    p->add_object(simple(make_key(1259, 101), PRIO_TABLE, "VIEW", "a_view", SECTION_PRE_DATA));
    p->add_dependency(make_key(1259, 101), make_key(1259, 100));
    DumpObject data = simple(make_key(PSEUDO_TABLE_DATA, 100), PRIO_TABLE_DATA, "TABLE DATA", "t", SECTION_DATA);
    data.is_table_data = true;
    data.data.relid = 100;
    p->add_object(std::move(data));
    p->add_dependency(make_key(PSEUDO_TABLE_DATA, 100), make_key(1259, 100));
    p->add_object(simple(make_key(1259, 102), PRIO_INDEX, "INDEX", "t_idx", SECTION_POST_DATA));
    p->add_dependency(make_key(1259, 102), make_key(1259, 100));
    DumpObject blobs = simple(make_key(PSEUDO_BLOBS, 0), PRIO_BLOB_DATA, "BLOBS", "BLOBS", SECTION_DATA);
    blobs.entries[0].nspace.reset();
    blobs.is_table_data = true;
    blobs.data.kind = DATA_BLOBS;
    p->add_object(std::move(blobs));
}

/* Oids whose order as text is not their order as numbers (9 < 10, "10" < "9"). */
std::vector<uint32_t> oids(uint32_t n) {
    std::vector<uint32_t> v;
    for (uint32_t i = 1; i <= n; i++)
        v.push_back(i * 7 + (i % 3 == 0 ? 100000 : 0));
    return v;
}

/* The plan as it was: an object per large object, its labels trailing entries. */
std::string toc_with_objects(const std::vector<uint32_t> &lo, const OutputOptions &options, std::string *listed) {
    DumpPlan p;
    p.set_output_options(options);
    add_others(&p);
    for (uint32_t oid : lo)
        p.add_object(large_object(oid));
    for (uint32_t oid : lo)
        if (labelled(oid))
            p.add_trailing_entry(make_key(kLargeObjectClass, oid), label_of(oid));
    std::vector<std::string> notes;
    p.finalize(&notes);
    for (const TocEntry &e : p.entries()) {
        *listed += std::to_string(e.dump_id) + " " + e.desc + " " + e.tag + " <-";
        for (int d : e.deps)
            *listed += " " + std::to_string(d);
        *listed += "\n";
    }
    std::string bytes;
    ArchiveHeader h;
    while (const std::string *chunk = p.next_toc_chunk(h))
        bytes += *chunk;
    return bytes;
}

/* The same through add_large_object, in the order large_objects.sql reads them; store: null for one in memory. */
std::string toc_with_run(const std::vector<uint32_t> &lo, const OutputOptions &options, std::string *listed,
                         TextStore *store = nullptr, size_t *count = nullptr) {
    std::vector<std::string> names;
    for (uint32_t oid : lo)
        names.push_back(std::to_string(oid));
    std::sort(names.begin(), names.end());
    DumpPlan p(store);
    p.set_output_options(options);
    add_others(&p);
    for (const std::string &name : names) {
        uint32_t oid = static_cast<uint32_t>(std::stoul(name));
        DumpObject o = large_object(oid);
        if (labelled(oid))
            o.entries.push_back(label_of(oid));
        p.add_large_object(std::move(o));
    }
    std::vector<std::string> notes;
    p.finalize(&notes);
    if (count)
        *count = p.entry_count();
    if (listed)
        for (const TocEntry &e : p.entries()) {
            *listed += std::to_string(e.dump_id) + " " + e.desc + " " + e.tag + " <-";
            for (int d : e.deps)
                *listed += " " + std::to_string(d);
            *listed += "\n";
        }
    std::string bytes;
    ArchiveHeader h;
    while (const std::string *chunk = p.next_toc_chunk(h))
        bytes += *chunk;
    return bytes;
}

} // namespace

TEST(large_objects_write_the_toc_of_an_object_each) {
    std::vector<OutputOptions> sets(8);
    sets[1].schema_only = true;
    sets[2].data_only = true;
    sets[3].no_privileges = true;
    sets[4].no_comments = true;
    sets[5].no_owner = true;
    sets[6].no_blobs = true;
    sets[7].no_comments = sets[7].no_privileges = true;
    /* enough large objects for their texts to pass a window of the reader several times */
    const std::vector<uint32_t> lo = oids(20000);
    for (size_t s = 0; s < sets.size(); s++) {
        std::string want_list, got_list;
        std::string want = toc_with_objects(lo, sets[s], &want_list);
        unit::FileStore store;
        std::string got = toc_with_run(lo, sets[s], &got_list, &store);
        std::printf("    options %zu: %zu bytes of toc.dat\n", s, want.size());
        CHECK_EQ(got_list, want_list);
        CHECK(got == want);
    }
}

TEST(large_objects_count_in_the_header) {
    std::string listed;
    size_t count = 0;
    (void) toc_with_run(oids(100), OutputOptions(), &listed, nullptr, &count);
    CHECK_EQ(count, static_cast<size_t>(std::count(listed.begin(), listed.end(), '\n')));
    CHECK(count > 100);
}

TEST(large_objects_out_of_order_are_refused) {
    DumpPlan p;
    p.add_large_object(large_object(10));
    bool thrown = false;
    try {
        p.add_large_object(large_object(9)); /* "9" sorts after "10" */
        p.add_large_object(large_object(100));
    } catch (const std::logic_error &) {
        thrown = true;
    }
    CHECK(thrown);
    DumpPlan q;
    q.add_large_object(large_object(10));
    q.add_object(simple(make_key(1259, 100), PRIO_TABLE, "TABLE", "t", SECTION_PRE_DATA));
    thrown = false;
    try {
        q.add_large_object(large_object(11));
    } catch (const std::logic_error &) {
        thrown = true;
    }
    CHECK(thrown);
}

/* The most the heap holds from the first object to the last byte of toc.dat, with n large objects. */
static size_t heap_peak_with(uint32_t n) {
    unit::FileStore store;
    size_t before = unit::heap_live();
    unit::reset_heap_peak();
    {
        std::vector<std::string> names;
        DumpPlan p(&store);
        add_others(&p);
        /* oids of one length: their order as text is their order, no list of them needed */
        for (uint32_t oid = 1000000; oid < 1000000 + n; oid++) {
            DumpObject o = large_object(oid);
            if (labelled(oid))
                o.entries.push_back(label_of(oid));
            p.add_large_object(std::move(o));
        }
        std::vector<std::string> notes;
        p.finalize(&notes);
        ArchiveHeader h;
        while (p.next_toc_chunk(h) != nullptr) {
        }
    }
    return unit::heap_peak() - before;
}

TEST(large_objects_cost_the_plan_no_memory_each) {
    /* both with a toc.dat of several chunks (kTocChunkBytes), so that both hold a chunk at its largest */
    size_t small = heap_peak_with(20000), big = heap_peak_with(60000);
    double per = (static_cast<double>(big) - static_cast<double>(small)) / 40000;
    std::printf("    plan heap peak: %zu bytes at 20,000 large objects, %zu at 60,000 (%.2f bytes each)\n", small, big,
                per);
    CHECK(per < 1.0);
}
