#include "../../src/pure/toc_archive.h"
#include "unit.h"

using namespace pd;

static std::vector<TocEntry> sample_entries() {
    TocEntry a;
    a.dump_id = 1;
    a.tag = "ENCODING";
    a.desc = "ENCODING";
    a.defn = "SET client_encoding = 'UTF8';\n";
    TocEntry b;
    b.dump_id = 7;
    b.had_dumper = true;
    b.tableoid = "0";
    b.oid = "16384";
    b.tag = "items";
    b.desc = "TABLE DATA";
    b.section = SECTION_DATA;
    b.copy_stmt = "COPY app.items (id) FROM stdin;\n";
    b.nspace = "app";
    b.owner = "postgres";
    b.deps = {3, 5};
    b.filename = "7.dat";
    return {a, b};
}

TEST(toc_header_bytes_match_pg_dump) {
    ArchiveHeader h;
    h.dbname = "src";
    h.server_version = "15";
    h.dumper_version = "15";
    std::string bytes = serialize_toc(h, {});
    CHECK_EQ(bytes.substr(0, 11), std::string("PGDMP\x01\x0e\x00\x04\x08\x03", 11));
    /* compression -1 is sign byte 1 then magnitude 1, little-endian */
    CHECK_EQ(bytes.substr(11, 5), std::string("\x01\x01\x00\x00\x00", 5));
}

TEST(toc_round_trip) {
    ArchiveHeader h;
    h.compression = 0;
    h.dbname = "db";
    h.server_version = "15.20";
    h.dumper_version = "x";
    auto entries = sample_entries();
    std::string bytes = serialize_toc(h, entries);
    ArchiveHeader h2;
    std::vector<TocEntry> e2;
    std::string err;
    CHECK(parse_toc(bytes, &h2, &e2, &err));
    CHECK_EQ(h2.compression, 0);
    CHECK_EQ(h2.dbname, std::string("db"));
    CHECK_EQ(e2.size(), size_t(2));
    CHECK_EQ(e2[1].deps, (std::vector<int>{3, 5}));
    CHECK_EQ(e2[1].filename, std::string("7.dat"));
    CHECK(e2[1].had_dumper);
    CHECK(!e2[0].owner.has_value());
    CHECK(!e2[1].defn.has_value());
    CHECK_EQ(*e2[1].copy_stmt, std::string("COPY app.items (id) FROM stdin;\n"));
    /* re-serialising reproduces the bytes exactly */
    CHECK_EQ(serialize_toc(h2, e2), bytes);
}

TEST(toc_parser_rejects_every_truncation) {
    ArchiveHeader h;
    h.dbname = "db";
    std::string bytes = serialize_toc(h, sample_entries());
    for (size_t len = 0; len < bytes.size(); len++) {
        ArchiveHeader h2;
        std::vector<TocEntry> e2;
        std::string err;
        bool ok = parse_toc(bytes.substr(0, len), &h2, &e2, &err);
        CHECK(!ok);
        CHECK(!err.empty());
    }
}

TEST(toc_parser_survives_byte_flips) {
    ArchiveHeader h;
    h.dbname = "db";
    std::string bytes = serialize_toc(h, sample_entries());
    int parsed = 0;
    for (size_t i = 0; i < bytes.size(); i++)
        for (int v : {0x00, 0x01, 0x7f, 0x80, 0xff}) {
            std::string m = bytes;
            m[i] = static_cast<char>(v);
            ArchiveHeader h2;
            std::vector<TocEntry> e2;
            std::string err;
            if (parse_toc(m, &h2, &e2, &err))
                parsed++;
            else
                CHECK(!err.empty());
        }
    CHECK(parsed > 0); /* some flips only change text, which still parses */
}

TEST(toc_parser_rejects_bad_magic_and_version) {
    ArchiveHeader h;
    std::vector<TocEntry> e;
    std::string err;
    CHECK(!parse_toc("PGDMX", &h, &e, &err));
    std::string bytes = serialize_toc(ArchiveHeader{}, {});
    bytes[6] = 99;
    CHECK(!parse_toc(bytes, &h, &e, &err));
    CHECK(err.find("unsupported version") != std::string::npos);
}

/* ---- hostile and damaged TOCs: every count and length is checked, memory stays bounded ---- */

#include <random>

#include "alloc_count.h"

static std::string forged_int(long long v, int isize = 4) {
    std::string out(1, v < 0 ? 1 : 0);
    unsigned long long m = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    for (int i = 0; i < isize; i++, m >>= 8)
        out.push_back(static_cast<char>(m & 0xff));
    return out;
}

static std::string forged_str(const std::string &s, int isize = 4) { return forged_int(static_cast<long long>(s.size()), isize) + s; }

/* A 1.14 header with integers of isize bytes, up to (without) the entry count. */
static std::string forged_header(int isize = 4, const std::string &dbname = "db") {
    std::string out("PGDMP\x01\x0e\x00", 8);
    out.push_back(static_cast<char>(isize));
    out.push_back(8);
    out.push_back(3);
    out += forged_int(-1, isize);
    for (int i = 0; i < 7; i++)
        out += forged_int(1, isize);
    return out + forged_str(dbname, isize) + forged_str("15", isize) + forged_str("15", isize);
}

/* The smallest entry the format allows: empty required strings, everything else NULL. */
static std::string minimal_entry(int id, int isize = 4, const std::string &deps = "") {
    std::string out = forged_int(id, isize) + forged_int(0, isize);
    for (int i = 0; i < 4; i++) /* tableoid, oid, tag, desc */
        out += forged_str("", isize);
    out += forged_int(SECTION_PRE_DATA, isize);
    for (int i = 0; i < 8; i++) /* defn .. withOids */
        out += forged_int(-1, isize);
    return out + deps + forged_int(-1, isize) + forged_int(-1, isize);
}

static std::string parse_error(const std::string &bytes) {
    ArchiveHeader h;
    std::vector<TocEntry> e;
    std::string err;
    if (parse_toc(bytes, &h, &e, &err))
        return "";
    return err;
}

/* What parsing may allocate at most: the limit, plus the entry vector's growth slack. */
static size_t heap_bound(size_t len) { return 3 * (kTocMemoryPerByte * len + kTocMemorySlack); }

TEST(toc_parser_rejects_counts_beyond_the_file) {
    /* a 4 MB database name, then a count that its size does not allow */
    std::string bytes = forged_header(4, std::string(4 << 20, 'x')) + forged_int(250000) + minimal_entry(1);
    unit::reset_heap_peak();
    size_t before = unit::heap_live();
    std::string err = parse_error(bytes);
    CHECK(err.find("invalid TOC entry count 250000") != std::string::npos);
    /* the name itself, not 250000 entries reserved on the count's word */
    CHECK(unit::heap_peak() - before < 2 * bytes.size());
    CHECK(parse_error(forged_header() + forged_int(0x7fffffff)).find("invalid TOC entry count") != std::string::npos);
    CHECK(parse_error(forged_header() + forged_int(-5)).find("invalid TOC entry count") != std::string::npos);
    /* exactly as many as fit is fine */
    CHECK_EQ(parse_error(forged_header() + forged_int(2) + minimal_entry(1) + minimal_entry(2)), std::string(""));
    CHECK(!parse_error(forged_header() + forged_int(3) + minimal_entry(1) + minimal_entry(2)).empty());
}

TEST(toc_parser_rejects_bad_string_lengths) {
    std::string head = forged_header() + forged_int(1) + forged_int(1) + forged_int(0) + forged_str("0") + forged_str("0");
    std::string pad(100, '\0'); /* so that the count of one entry fits */
    unit::reset_heap_peak();
    size_t before = unit::heap_live();
    /* a tag that claims 2 GB */
    std::string err = parse_error(head + forged_int(0x7fffffff) + std::string(100, 'x'));
    CHECK(err.find("runs past the end") != std::string::npos);
    CHECK(unit::heap_peak() - before < 64 * 1024);
    /* 8-byte integers beyond 2^31 */
    std::string wide = forged_header(8) + forged_int(1LL << 40, 8);
    CHECK(parse_error(wide).find("integer out of range") != std::string::npos);
    /* NULL where a value is required; a negative length other than pg_dump's -1 */
    CHECK(parse_error(head + forged_int(-1) + pad).find("missing tag") != std::string::npos);
    CHECK(parse_error(head + forged_int(-7) + pad).find("invalid string length -7") != std::string::npos);
}

TEST(toc_parser_memory_is_bounded_by_the_file) {
    /* 3-byte integers make entries smaller than any real one: more memory than the limit */
    std::string tiny = forged_header(3);
    int n = 200000;
    tiny += forged_int(n, 3);
    for (int i = 1; i <= n; i++)
        tiny += minimal_entry(i, 3);
    unit::reset_heap_peak();
    size_t before = unit::heap_live();
    std::string err = parse_error(tiny);
    CHECK(err.find("needs more memory than its file size allows") != std::string::npos);
    CHECK(unit::heap_peak() - before < heap_bound(tiny.size()));

    /* pg_dump's 4-byte integers: empty entries fit the limit, and stay within it */
    std::string small = forged_header() + forged_int(n);
    for (int i = 1; i <= n; i++)
        small += minimal_entry(i);
    ArchiveHeader h;
    std::vector<TocEntry> e;
    unit::reset_heap_peak();
    before = unit::heap_live();
    {
        TocParser p(small.data(), small.size());
        CHECK(p.run(nullptr) == TocParseStatus::ok);
        CHECK_EQ(p.entries.size(), size_t(n));
        CHECK(p.footprint() <= kTocMemoryPerByte * small.size() + kTocMemorySlack);
    }
    CHECK(unit::heap_peak() - before < heap_bound(small.size()));
}

/* Entries as pg_dump writes them for large objects, the most numerous real entries. */
static std::string blob_archive(int n) {
    std::vector<TocEntry> entries;
    for (int i = 1; i <= n; i++) {
        TocEntry e;
        e.dump_id = i;
        e.tableoid = "2613";
        e.oid = std::to_string(16384 + i);
        e.tag = e.oid;
        e.desc = "BLOB";
        e.defn = "SELECT pg_catalog.lo_create('" + e.oid + "');\n";
        e.drop_stmt = "SELECT pg_catalog.lo_unlink('" + e.oid + "');\n";
        e.nspace = "";
        e.tablespace = "";
        e.tableam = "";
        e.owner = "postgres";
        entries.push_back(e);
    }
    return serialize_toc(ArchiveHeader{}, entries);
}

TEST(toc_parser_limit_fits_real_archives) {
    std::string bytes = blob_archive(20000);
    TocParser p(bytes.data(), bytes.size());
    CHECK(p.run(nullptr) == TocParseStatus::ok);
    CHECK_EQ(p.entries.size(), size_t(20000));
    /* half the limit or less: real archives keep a margin of 2 */
    CHECK(p.footprint() * 2 <= kTocMemoryPerByte * bytes.size());
}

TEST(toc_parser_huge_dependency_lists) {
    int n = 200000;
    std::string deps;
    for (int i = 0; i < n; i++)
        deps += forged_str(std::to_string(i % 5000 + 1));
    std::string bytes = forged_header() + forged_int(1) + minimal_entry(1, 4, deps);
    unit::reset_heap_peak();
    size_t before = unit::heap_live();
    {
        TocParser p(bytes.data(), bytes.size());
        CHECK(p.run(nullptr) == TocParseStatus::ok);
        CHECK_EQ(p.entries.size(), size_t(1));
        if (p.entries.size() == 1) {
            CHECK_EQ(p.entries[0].deps.size(), size_t(n));
            CHECK_EQ(p.entries[0].deps.back(), (n - 1) % 5000 + 1);
        }
    }
    CHECK(unit::heap_peak() - before < heap_bound(bytes.size()));
    for (const char *bad : {"0", "-3", "abc", "12x", "99999999999", ""}) {
        std::string m = forged_header() + forged_int(1) + minimal_entry(1, 4, forged_str(bad));
        CHECK(parse_error(m).find("invalid dependency in TOC entry 1") != std::string::npos);
    }
}

TEST(toc_parser_stops_when_asked_and_resumes) {
    std::string bytes = blob_archive(3000);
    volatile std::sig_atomic_t stop = 1;
    TocParser p(bytes.data(), bytes.size());
    CHECK(p.run(&stop) == TocParseStatus::interrupted);
    CHECK_EQ(p.entries.size(), size_t(kTocCheckEvery));
    /* still asked: every call makes progress, so the caller's loop ends */
    CHECK(p.run(&stop) == TocParseStatus::interrupted);
    CHECK_EQ(p.entries.size(), size_t(2 * kTocCheckEvery));
    stop = 0;
    CHECK(p.run(&stop) == TocParseStatus::ok);
    CHECK_EQ(serialize_toc(p.header, p.entries), bytes);
    int calls = 0;
    stop = 1;
    TocParser q(bytes.data(), bytes.size());
    while (q.run(&stop) == TocParseStatus::interrupted)
        calls++;
    CHECK_EQ(calls, 3000 / kTocCheckEvery);
    CHECK_EQ(q.entries.size(), size_t(3000));
}

TEST(toc_parser_random_damage_is_an_error_or_a_parse) {
    std::vector<TocEntry> entries;
    for (int i = 0; i < 40; i++)
        for (TocEntry e : sample_entries()) {
            e.dump_id += 10 * i;
            entries.push_back(e);
        }
    std::string bytes = serialize_toc(ArchiveHeader{}, entries);
    std::mt19937 rng(9);
    int parsed = 0, failed = 0;
    for (int round = 0; round < 3000; round++) {
        std::string m = bytes;
        int flips = 1 + static_cast<int>(rng() % 4);
        for (int f = 0; f < flips; f++)
            m[rng() % m.size()] = static_cast<char>(rng() % 256);
        if (round % 3 == 0)
            m.resize(rng() % m.size());
        unit::reset_heap_peak();
        size_t before = unit::heap_live();
        std::string err = parse_error(m);
        (err.empty() ? parsed : failed)++;
        CHECK(unit::heap_peak() - before < heap_bound(m.size()));
    }
    CHECK(parsed > 0);
    CHECK(failed > 1000);
}

TEST(toc_archive_encoding_name) {
    CHECK_EQ(archive_encoding_name(sample_entries()), std::string("UTF8"));
    std::vector<TocEntry> none(1);
    CHECK_EQ(archive_encoding_name(none), std::string(""));
    std::vector<TocEntry> latin = sample_entries();
    latin[0].defn = "SET client_encoding = 'LATIN1';\n";
    CHECK_EQ(archive_encoding_name(latin), std::string("LATIN1"));
    latin[0].defn = "SET client_encoding = 'LATIN1";
    CHECK_EQ(archive_encoding_name(latin), std::string(""));
}
