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
