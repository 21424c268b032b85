/* The text store (text_store.h) and what the dump plan keeps in memory once its texts are in one. */
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "../../src/pure/dump_plan.h"
#include "../../src/pure/spill_heap.h"
#include "../../src/pure/text_store.h"
#include "alloc_count.h"
#include "file_store.h"
#include "unit.h"

using namespace pd;
using unit::FileStore;

namespace {

DumpObject table(uint32_t oid) {
    std::string name = "a_rather_long_table_name_" + std::to_string(oid);
    DumpObject o;
    o.key = make_key(1259, oid);
    o.priority = PRIO_TABLE;
    o.sort_schema = "app";
    o.sort_name = name;
    TocEntry e;
    e.tableoid = "1259";
    e.oid = std::to_string(oid);
    e.tag = name;
    e.desc = "TABLE";
    e.nspace = std::string("app");
    e.owner = std::string("owner_of_the_tables");
    e.tableam = std::string("heap");
    e.defn = "CREATE TABLE app." + name + " (\n" + std::string(900, 'x') + "\n);\n";
    e.drop_stmt = "DROP TABLE app." + name + ";\n";
    o.entries.push_back(e);
    TocEntry c = e;
    c.desc = "COMMENT";
    c.tag = "TABLE " + name;
    c.section = SECTION_NONE;
    c.defn = "COMMENT ON TABLE app." + name + " IS '" + std::string(200, 'c') + "';\n";
    c.drop_stmt.reset();
    c.tableam.reset();
    o.entries.push_back(c);
    return o;
}

std::string toc_of(DumpPlan &p) {
    ArchiveHeader h;
    std::string bytes;
    while (const std::string *chunk = p.next_toc_chunk(h))
        bytes += *chunk;
    return bytes;
}

} // namespace

TEST(text_store_round_trips_an_entry) {
    MemoryTextStore store;
    TocEntry e;
    e.had_dumper = true;
    e.tableoid = "1259";
    e.oid = "16384";
    e.tag = "t";
    e.desc = "TABLE DATA";
    e.section = SECTION_DATA;
    e.defn = std::string(); /* empty is not NULL */
    e.copy_stmt = std::string("COPY s.t (a) FROM stdin;\n");
    e.nspace = std::string("s");
    e.owner = std::string("o");
    e.filename = "x";
    store.append("junk", 4);
    StoredEntry where = store_entry(&store, e);
    CHECK_EQ(where.offset, uint64_t(4));
    TocEntry back = load_entry(&store, where);
    std::string a, b;
    serialize_toc_entry(a, e);
    serialize_toc_entry(b, back);
    CHECK_EQ(a, b);
    CHECK(back.defn && back.defn->empty());
    CHECK(!back.drop_stmt && !back.tablespace && !back.tableam);
}

TEST(text_store_refuses_damaged_bytes) {
    MemoryTextStore store;
    TocEntry e;
    e.tag = "t";
    StoredEntry where = store_entry(&store, e);
    bool threw = false;
    try {
        StoredEntry shorter = where;
        shorter.length -= 3;
        (void) load_entry(&store, shorter);
    } catch (const std::exception &) {
        threw = true;
    }
    CHECK(threw);
    threw = false;
    try {
        StoredEntry beyond = where;
        beyond.offset += 1;
        (void) load_entry(&store, beyond);
    } catch (const std::exception &) {
        threw = true;
    }
    CHECK(threw);
}

/*
 * With its texts in a store off the heap, the plan keeps a few hundred
 * bytes per object whatever their size (1.3 kB of texts per object here;
 * with them in memory it took over 2.5 kB), and writes toc.dat byte for
 * byte as the plan with texts in memory does.  finalize() needs more for a
 * while: the sort's keys and dependency lists (dump_order.h), ~700 bytes
 * per object.
 */
TEST(plan_memory_does_not_hold_entry_texts) {
    const uint32_t n = 20000;
    std::string expected;
    {
        DumpPlan p;
        for (uint32_t i = 0; i < n; i++)
            p.add_object(table(16384 + i));
        std::vector<std::string> notes;
        p.finalize(&notes);
        expected = toc_of(p);
    }
    FileStore store;
    size_t before = unit::heap_live();
    unit::reset_heap_peak();
    DumpPlan p(&store);
    for (uint32_t i = 0; i < n; i++)
        p.add_object(table(16384 + i));
    size_t per_object = (unit::heap_live() - before) / n;
    std::printf("    plan heap after reading: %zu bytes per object\n", per_object);
    CHECK(per_object < 300);
    std::vector<std::string> notes;
    p.finalize(&notes);
    CHECK_EQ(p.entry_count(), size_t(2 * n));
    std::string bytes;
    ArchiveHeader h;
    size_t largest_chunk = 0;
    while (const std::string *chunk = p.next_toc_chunk(h)) {
        bytes += *chunk;
        largest_chunk = std::max(largest_chunk, chunk->capacity());
    }
    CHECK_EQ(bytes.size(), expected.size());
    CHECK(bytes == expected);
    /* the peak, less what this test collects (bytes) and the chunk being written */
    size_t peak = (unit::heap_peak() - before - bytes.capacity() - largest_chunk) / n;
    std::printf("    plan heap at its peak: %zu bytes per object\n", peak);
    CHECK(peak < 1200);
}

namespace {

/* An entry of a plan shaped as the catalog reader's (small texts: they go to the store). */
TocEntry small_entry(const std::string &desc, const std::string &tag, int section) {
    TocEntry e;
    e.tag = tag;
    e.desc = desc;
    e.section = section;
    e.nspace = std::string("public");
    e.owner = std::string("postgres");
    e.defn = desc + " " + tag + ";\n";
    return e;
}

DumpObject plan_object(ObjKey key, int priority, const std::string &name, TocEntry e) {
    DumpObject o;
    o.key = key;
    o.priority = priority;
    o.sort_schema = "public";
    o.sort_name = name;
    o.entries.push_back(std::move(e));
    return o;
}

/*
 * The objects of one table as bench/leader_memory.sh makes them (serial
 * primary key, a text column): table, sequence, default, primary key, the
 * table's data, the sequence's value (6 objects), the sequence's OWNED BY
 * (7 entries), row type, array type, index and the sequence's row type
 * folded in (4 aliases) and 9 edges.
 */
void add_bench_table(DumpPlan *p, uint32_t i) {
    const uint32_t oid = 100000 + 10 * i;
    const std::string name = "t" + std::to_string(i), seq = name + "_id_seq", pkey = name + "_pkey";
    const ObjKey table = make_key(1259, oid), sequence = make_key(1259, oid + 1), def = make_key(2604, oid + 2),
                 key = make_key(2606, oid + 3), data = make_key(PSEUDO_TABLE_DATA, oid),
                 seqset = make_key(PSEUDO_SEQUENCE_SET, oid + 1);
    p->add_object(plan_object(table, PRIO_TABLE, name, small_entry("TABLE", name, SECTION_PRE_DATA)));
    p->add_object(plan_object(sequence, PRIO_TABLE, seq, small_entry("SEQUENCE", seq, SECTION_PRE_DATA)));
    p->add_trailing_entry(sequence, small_entry("SEQUENCE OWNED BY", seq, SECTION_PRE_DATA));
    DumpObject d = plan_object(def, PRIO_ATTRDEF, name, small_entry("DEFAULT", name + " id", SECTION_PRE_DATA));
    d.sort_ties = {"id"};
    p->add_object(std::move(d));
    p->add_object(plan_object(key, PRIO_CONSTRAINT, pkey, small_entry("CONSTRAINT", name + " " + pkey,
                                                                      SECTION_POST_DATA)));
    DumpObject rows = plan_object(data, PRIO_TABLE_DATA, name, small_entry("TABLE DATA", name, SECTION_DATA));
    rows.is_table_data = true;
    rows.data.relid = oid;
    rows.data.label = "public." + name;
    p->add_object(std::move(rows));
    p->add_object(plan_object(seqset, PRIO_SEQUENCE_SET, seq, small_entry("SEQUENCE SET", seq, SECTION_DATA)));
    p->add_alias(make_key(1247, oid + 4), table);    /* row type */
    p->add_alias(make_key(1247, oid + 5), table);    /* its array type */
    p->add_alias(make_key(1259, oid + 6), key);      /* the index */
    p->add_alias(make_key(1247, oid + 7), sequence); /* the sequence's row type */
    for (auto [from, to] : {std::pair{sequence, table}, {def, table}, {def, sequence}, {key, table},
                            {data, table}, {seqset, sequence}, {make_key(1259, oid + 6), table},
                            {make_key(1247, oid + 4), table}, {make_key(1247, oid + 5), make_key(1247, oid + 4)}})
        p->add_dependency(from, to);
}

/* The most the C++ heap holds over a plan of n such tables, from the first object to the last toc.dat byte. */
size_t plan_heap_peak(uint32_t n, size_t *toc_bytes) {
    FileStore store;
    size_t before = unit::heap_live();
    unit::reset_heap_peak();
    size_t peak = 0;
    {
        DumpPlan p(&store);
        for (uint32_t i = 0; i < n; i++)
            add_bench_table(&p, i);
        std::vector<std::string> notes;
        p.finalize(&notes);
        CHECK(notes.empty());
        CHECK_EQ(p.entry_count(), size_t(7 * n));
        ArchiveHeader h;
        *toc_bytes = 0;
        while (const std::string *chunk = p.next_toc_chunk(h))
            *toc_bytes += chunk->size();
        peak = unit::heap_peak() - before;
    }
    return peak;
}

} // namespace

/*
 * Per table, the plan's heap at its most (the sort) is a few int32 per
 * object: the sort's records (32 bytes an object), the objects (24),
 * their entries (16), the flat indexes of keys and aliases (~8 and ~24),
 * the dependency graphs (4 an edge) and the sort names.  Between 1,000 and
 * 8,000 tables it grows by less than 900 bytes per table (1,340 with
 * node-based hash maps, a copy of the sort's records and its edges listed;
 * ~690 now).
 */
TEST(plan_heap_per_table_is_a_few_words_per_object) {
    size_t toc1 = 0, toc8 = 0;
    size_t small = plan_heap_peak(1000, &toc1), large = plan_heap_peak(8000, &toc8);
    CHECK(toc8 > 7 * toc1);
    size_t per_table = (large - small) / 7000;
    std::printf("    plan heap at its peak: %zu kB for 1,000 tables, %zu kB for 8,000: %zu bytes per table\n",
                small / 1024, large / 1024, per_table);
    CHECK(per_table < 900);
}

namespace {

/* A spill heap over malloc'd memory (the server's is a mapped file), for the test below. */
struct MallocBacking final : SpillBacking {
    std::vector<char *> segments;
    ~MallocBacking() override {
        for (char *p : segments)
            std::free(p);
    }
    char *map(size_t len) override {
        segments.push_back(static_cast<char *>(std::malloc(len)));
        return segments.back();
    }
    void release(char *, size_t) override {}
    bool recommit(char *, size_t) override { return true; }
};

/* plan_heap_peak with the plan's containers in a spill heap: the operator new part, and the heap's. */
size_t plan_heap_peak_spilled(uint32_t n, size_t *spilled) {
    size_t toc = 0, peak = 0;
    MallocBacking backing;
    {
        SpillHeap heap(&backing);
        install_spill_heap(&heap);
        peak = plan_heap_peak(n, &toc);
        install_spill_heap(nullptr);
        *spilled = heap.peak_live();
        CHECK_EQ(heap.live(), size_t(0));
    }
    return peak;
}

} // namespace

/*
 * With a spill heap installed (as pd_dump's leader has), what grows with
 * the tables is in it: operator new's peak (the backend's private memory)
 * stays within a few kB between 1,000 and 8,000 tables.
 */
TEST(plan_in_a_spill_heap_keeps_operator_new_flat) {
    size_t spilled1 = 0, spilled8 = 0;
    size_t small = plan_heap_peak_spilled(1000, &spilled1), large = plan_heap_peak_spilled(8000, &spilled8);
    std::printf("    operator new at its peak: %zu kB for 1,000 tables, %zu kB for 8,000; the spill heap's %zu kB "
                "and %zu kB\n",
                small / 1024, large / 1024, spilled1 / 1024, spilled8 / 1024);
    CHECK(spilled8 > 6 * spilled1);
    CHECK(large < small + 16 * 1024);
}
