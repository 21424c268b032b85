/* The text store (text_store.h) and what the dump plan keeps in memory once its texts are in one. */
#include <cstdio>
#include <stdexcept>

#include "../../src/pure/dump_plan.h"
#include "../../src/pure/text_store.h"
#include "alloc_count.h"
#include "unit.h"

using namespace pd;

namespace {

/* A store in a temporary file: its bytes are not on the C++ heap, as the server's BufFile. */
class FileStore final : public TextStore {
  public:
    FileStore() : f_(std::tmpfile()) {}
    ~FileStore() override { std::fclose(f_); }
    uint64_t append(const char *data, size_t len) override {
        std::fseek(f_, 0, SEEK_END);
        std::fwrite(data, 1, len, f_);
        uint64_t at = size_;
        size_ += len;
        return at;
    }
    void read(uint64_t offset, char *out, size_t len) override {
        std::fseek(f_, static_cast<long>(offset), SEEK_SET);
        if (std::fread(out, 1, len, f_) != len)
            throw std::runtime_error("short read");
    }
    uint64_t size() const override { return size_; }

  private:
    std::FILE *f_;
    uint64_t size_ = 0;
};

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
