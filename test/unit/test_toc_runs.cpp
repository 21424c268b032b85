/* The TOC read from a file a chunk at a time, runs of large objects' metadata, and their restore items. */
#include <cstdio>

#include "../../src/pure/restore_plan.h"
#include "../../src/pure/toc_archive.h"
#include "alloc_count.h"
#include "unit.h"

using namespace pd;

namespace {

TocEntry entry(int id, const std::string &desc, const std::string &tag, int section) {
    TocEntry e;
    e.dump_id = id;
    e.desc = desc;
    e.tag = tag;
    e.section = section;
    e.defn = desc + " " + tag + ";\n";
    e.owner = "postgres";
    return e;
}

/* SCHEMA, n large objects (every 10th with COMMENT and ACL), TABLE, TABLE DATA, BLOBS, INDEX */
std::vector<TocEntry> archive_entries(int n) {
    std::vector<TocEntry> v;
    int id = 1;
    v.push_back(entry(id++, "SCHEMA", "app", SECTION_PRE_DATA));
    for (int i = 0; i < n; i++) {
        std::string oid = std::to_string(16384 + i);
        TocEntry b = entry(id++, "BLOB", oid, SECTION_PRE_DATA);
        b.defn = "SELECT pg_catalog.lo_create('" + oid + "');\n";
        b.drop_stmt = "SELECT pg_catalog.lo_unlink('" + oid + "');\n";
        int blob = b.dump_id;
        v.push_back(b);
        if (i % 10 == 0) {
            TocEntry c = entry(id++, "COMMENT", "LARGE OBJECT " + oid, SECTION_NONE);
            c.deps = {blob};
            v.push_back(c);
            TocEntry a = entry(id++, "ACL", "LARGE OBJECT " + oid, SECTION_NONE);
            a.deps = {blob};
            v.push_back(a);
        }
    }
    int table = id;
    v.push_back(entry(id++, "TABLE", "t", SECTION_PRE_DATA));
    TocEntry d = entry(id++, "TABLE DATA", "t", SECTION_DATA);
    d.had_dumper = true;
    d.copy_stmt = "COPY t FROM stdin;\n";
    d.filename = std::to_string(d.dump_id) + ".dat";
    d.deps = {table};
    v.push_back(d);
    TocEntry blobs = entry(id++, "BLOBS", "BLOBS", SECTION_DATA);
    blobs.had_dumper = true;
    blobs.filename = "blobs.toc";
    v.push_back(blobs);
    /* after the data: a large object's comment here stays an entry */
    v.push_back(entry(id++, "COMMENT", "LARGE OBJECT 1", SECTION_NONE));
    v.push_back(entry(id++, "INDEX", "t_i", SECTION_POST_DATA));
    return v;
}

std::FILE *file_of(const std::string &bytes) {
    std::FILE *f = std::tmpfile();
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::rewind(f);
    return f;
}

} // namespace

TEST(toc_parser_reads_a_file_in_chunks) {
    std::vector<TocEntry> entries = archive_entries(30000); /* several chunks of the file */
    std::string bytes = serialize_toc(ArchiveHeader{}, entries);
    CHECK(bytes.size() > 4 * kTocReadChunk);
    std::FILE *f = file_of(bytes);
    TocParser p(f, bytes.size());
    CHECK(p.run(nullptr) == TocParseStatus::ok);
    CHECK_EQ(serialize_toc(p.header, p.entries), bytes);
    std::fclose(f);
    /* a file shorter than its size said: an error, never a read past it */
    f = file_of(bytes.substr(0, bytes.size() / 2));
    TocParser q(f, bytes.size());
    CHECK(q.run(nullptr) == TocParseStatus::error);
    CHECK(q.error().find("unexpected end of file") != std::string::npos);
    std::fclose(f);
}

TEST(toc_parser_streams_entries_one_at_a_time) {
    std::vector<TocEntry> entries = archive_entries(20000);
    std::string bytes = serialize_toc(ArchiveHeader{}, entries);
    std::FILE *f = file_of(bytes);
    unit::reset_heap_peak();
    size_t before = unit::heap_live();
    {
        TocParser p(f, bytes.size());
        TocEntry e;
        size_t n = 0;
        bool same = true;
        while (p.next(&e) == TocParseStatus::ok)
            same &= serialize_toc(ArchiveHeader{}, {e}) == serialize_toc(ArchiveHeader{}, {entries[n++]});
        CHECK(p.error().empty());
        CHECK_EQ(n, entries.size());
        CHECK(same);
        CHECK(p.next(&e) == TocParseStatus::end);
    }
    /* the chunk and one entry at a time, not the file's entries */
    CHECK(unit::heap_peak() - before < 2 * kTocReadChunk + 64 * 1024);
    std::fclose(f);
}

TEST(toc_parser_compact_keeps_large_objects_as_runs) {
    int n = 20000;
    std::vector<TocEntry> entries = archive_entries(n);
    std::string bytes = serialize_toc(ArchiveHeader{}, entries);
    TocParser full(bytes.data(), bytes.size());
    CHECK(full.run(nullptr) == TocParseStatus::ok);
    std::FILE *f = file_of(bytes);
    TocParser p(f, bytes.size());
    p.compact = true;
    CHECK(p.run(nullptr) == TocParseStatus::ok);
    /* SCHEMA, TABLE, TABLE DATA, BLOBS, the comment after the data, INDEX */
    CHECK_EQ(p.entries.size(), size_t(6));
    CHECK_EQ(p.runs.size(), size_t(1));
    CHECK_EQ(p.run_entries(), (long long) (n + 2 * (n / 10)));
    CHECK(p.footprint() * 50 < full.footprint());
    if (p.runs.size() == 1) {
        const TocRun &r = p.runs[0];
        CHECK_EQ(r.position, 1);
        CHECK(r.pre_data && r.acl);
        /* read again, twice: the same entries */
        for (int pass = 0; pass < 2; pass++) {
            bool same = true;
            TocEntry e;
            for (int k = 0; k < r.count; k++) {
                CHECK(p.run_entry(r, k, &e) == TocParseStatus::ok);
                same &= e.dump_id == entries[1 + k].dump_id && e.defn == entries[1 + k].defn &&
                        e.deps == entries[1 + k].deps;
            }
            CHECK(same);
        }
    }
    std::fclose(f);
}

TEST(toc_run_reread_refuses_a_changed_file) {
    std::vector<TocEntry> entries = archive_entries(50);
    std::string bytes = serialize_toc(ArchiveHeader{}, entries);
    TocParser p(bytes.data(), bytes.size());
    p.compact = true;
    CHECK(p.run(nullptr) == TocParseStatus::ok);
    CHECK_EQ(p.runs.size(), size_t(1));
    TocRun moved = p.runs.at(0);
    moved.offset += 1; /* no longer an entry's start */
    TocEntry e;
    CHECK(p.run_entry(moved, 0, &e) == TocParseStatus::error);
    TocRun other = p.runs.at(0);
    other.first_dump_id += 1;
    TocParser q(bytes.data(), bytes.size());
    q.compact = true;
    CHECK(q.run(nullptr) == TocParseStatus::ok);
    CHECK(q.run_entry(other, 0, &e) == TocParseStatus::error);
    CHECK(q.error().find("changed") != std::string::npos);
}

TEST(restore_plan_items_for_runs) {
    std::vector<TocEntry> entries = archive_entries(100);
    std::string bytes = serialize_toc(ArchiveHeader{}, entries);
    TocParser p(bytes.data(), bytes.size());
    p.compact = true;
    CHECK(p.run(nullptr) == TocParseStatus::ok);
    RestorePlan plan;
    std::string err;
    RestoreSelection sel;
    CHECK(plan.build(p.entries, p.runs, std::vector<long long>(p.entries.size(), 0), sel, &err));
    spill_vector<int> pre = plan.phase_items(PHASE_PRE), acl = plan.phase_items(PHASE_ACL);
    /* SCHEMA, the run, TABLE, the late COMMENT (section NONE after data goes to MAIN) */
    CHECK_EQ(pre.size(), size_t(3));
    if (pre.size() == 3) {
        CHECK_EQ(plan.items()[pre[0]].entry, 0);
        CHECK_EQ(plan.items()[pre[1]].run, 0);
        CHECK_EQ(plan.items()[pre[2]].entry, 1);
    }
    CHECK_EQ(acl.size(), size_t(1));
    if (acl.size() == 1)
        CHECK_EQ(plan.items()[acl[0]].run, 0);
    TocEntry blob = entries[1], comment = entries[2], grant = entries[3];
    CHECK(plan.wants(blob, PHASE_PRE) && plan.wants(comment, PHASE_PRE) && !plan.wants(grant, PHASE_PRE));
    CHECK(plan.wants(grant, PHASE_ACL) && !plan.wants(blob, PHASE_ACL));
    /* no privileges: no ACL item; a schema selection: nothing of the run is wanted */
    sel.output.no_privileges = true;
    CHECK(plan.build(p.entries, p.runs, std::vector<long long>(p.entries.size(), 0), sel, &err));
    CHECK(plan.phase_items(PHASE_ACL).empty());
    sel.schemas = {"app"};
    CHECK(plan.build(p.entries, p.runs, std::vector<long long>(p.entries.size(), 0), sel, &err));
    CHECK(!plan.wants(blob, PHASE_PRE) && !plan.wants(comment, PHASE_PRE));
}
