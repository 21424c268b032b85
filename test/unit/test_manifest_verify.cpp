/* backup_manifest text and parser, COPY data checks, and template matching (pd_verify, retention). */
#include "../../src/pure/copy_check.h"
#include "../../src/pure/manifest.h"
#include "../../src/pure/path_template.h"
#include "unit.h"

using namespace pd;

namespace {

std::string sample_manifest(const std::string &checksum) {
    ManifestFile a{"toc.dat", 120, "2026-12-01 10:00:00 GMT", "SHA256", std::string(64, 'a')};
    ManifestFile b{"3001.dat.gz", 7, "2026-12-01 10:00:01 GMT", "SHA256", std::string(64, 'b')};
    return manifest_start() + manifest_file_entry(a, true) + manifest_file_entry(b, false) + manifest_files_end() +
           manifest_checksum_line(checksum);
}

} // namespace

TEST(manifest_has_postgresql_layout) {
    std::string m = sample_manifest(std::string(64, 'c'));
    CHECK_EQ(m.substr(0, 56), std::string("{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [\n{ "));
    CHECK(m.find("{ \"Path\": \"3001.dat.gz\", \"Size\": 7, \"Last-Modified\": \"2026-12-01 10:00:01 GMT\", "
                 "\"Checksum-Algorithm\": \"SHA256\", \"Checksum\": \"" + std::string(64, 'b') + "\" }\n],\n") !=
          std::string::npos);
    CHECK(m.size() > 80 && m.compare(m.size() - 4, 4, "c\"}\n") == 0);
    unsigned char bytes[3] = {0x00, 0xab, 0xff};
    CHECK_EQ(hex_string(bytes, 3), std::string("00abff"));
}

TEST(manifest_parses_what_it_writes) {
    std::string m = sample_manifest(std::string(64, 'C'));
    Manifest out;
    std::string err;
    CHECK(parse_manifest(m.data(), m.size(), &out, &err));
    CHECK_EQ(out.files.size(), (size_t) 2);
    CHECK_EQ(out.files[1].path, std::string("3001.dat.gz"));
    CHECK_EQ(out.files[1].size, (uint64_t) 7);
    CHECK_EQ(out.files[0].checksum, std::string(64, 'a'));
    CHECK_EQ(out.checksum, std::string(64, 'c'));
    /* the checksum covers everything before the last line */
    CHECK_EQ(out.covered, m.rfind("\"Manifest-Checksum\""));
}

TEST(manifest_reads_pg_basebackup_fields) {
    std::string m = "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [\n"
                    "{ \"Encoded-Path\": \"746f632e646174\", \"Size\": 0, \"Last-Modified\": \"x\" }\n],\n"
                    "\"WAL-Ranges\": [\n{ \"Timeline\": 1, \"Start-LSN\": \"0/2000028\", \"End-LSN\": \"0/2000100\" }\n],\n"
                    "\"Manifest-Checksum\": \"" + std::string(64, '0') + "\"}\n";
    Manifest out;
    std::string err;
    CHECK(parse_manifest(m.data(), m.size(), &out, &err));
    CHECK_EQ(out.files.size(), (size_t) 1);
    CHECK_EQ(out.files[0].path, std::string("toc.dat"));
    CHECK(out.files[0].algorithm.empty());
}

TEST(manifest_rejects_damage) {
    std::string good = sample_manifest(std::string(64, 'c'));
    Manifest out;
    std::string err;
    const char *bad[] = {
        "", "{}\n\n", "{ \"Files\": [],\n\"PostgreSQL-Backup-Manifest-Version\": 1}\n",
        "{ \"PostgreSQL-Backup-Manifest-Version\": 2,\n\"Manifest-Checksum\": \"00\"}\n",
        "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [{\"Size\": 1}],\n\"Manifest-Checksum\": \"\"}\n",
        "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [[[[1]]]]}\n",
        "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Other\": 1}\n",
    };
    for (const char *b : bad) {
        err.clear();
        CHECK(!parse_manifest(b, std::char_traits<char>::length(b), &out, &err));
        CHECK(!err.empty());
    }
    /* every truncation and every single-byte change to a structural character fails or parses, never crashes */
    for (size_t n = 0; n < good.size(); n++) {
        Manifest o;
        std::string e;
        CHECK(!parse_manifest(good.data(), n, &o, &e));
    }
    std::string no_newline = good.substr(0, good.size() - 1);
    CHECK(!parse_manifest(no_newline.data(), no_newline.size(), &out, &err));
    CHECK_EQ(err, std::string("last line not newline-terminated"));
    std::string bad_size = good;
    bad_size.replace(bad_size.find("\"Size\": 7"), 9, "\"Size\": -7");
    CHECK(!parse_manifest(bad_size.data(), bad_size.size(), &out, &err));
}

TEST(copy_statement_columns_counts_the_list) {
    CHECK_EQ(copy_statement_columns("COPY public.t (a, b, c) FROM stdin;\n"), 3);
    CHECK_EQ(copy_statement_columns("COPY \"we(ird\".\"x, y\" (\"a,)\", \"b\"\"c\") FROM stdin;\n"), 2);
    CHECK_EQ(copy_statement_columns("COPY public.empty  FROM stdin;\n"), 0);
    CHECK_EQ(copy_statement_columns("COPY public.t (a) FROM stdin;"), 1);
    CHECK_EQ(copy_statement_columns("COPY public.t (a,) FROM stdin;\n"), -1);
    CHECK_EQ(copy_statement_columns("INSERT INTO t VALUES (1);"), -1);
    CHECK_EQ(copy_statement_columns("COPY public.t (a) FROM stdin; DROP TABLE x;"), -1);
    CHECK_EQ(copy_statement_columns("COPY \"unterminated (a) FROM stdin;"), -1);
}

TEST(copy_checker_accepts_whole_data_in_any_pieces) {
    std::string data = "1\tx\\ty\n2\t\\N\n\\.\n\n\n";
    for (size_t piece = 1; piece <= data.size(); piece++) {
        CopyDataChecker c(2);
        bool ok = true;
        for (size_t i = 0; i < data.size(); i += piece)
            ok = ok && c.feed(data.data() + i, std::min(piece, data.size() - i));
        CHECK(ok && c.finish());
    }
    CopyDataChecker zero(0);
    CHECK(zero.feed("\n\n\\.\n", 5) && zero.finish());
}

TEST(copy_checker_names_the_problem) {
    CopyDataChecker wrong(2);
    CHECK(!wrong.feed("1\t2\n3\n\\.\n", 9));
    CHECK_EQ(wrong.problem(), std::string("line 2 has 1 column, the COPY statement names 2"));
    CopyDataChecker too_many(1);
    CHECK(!too_many.feed("1\t2\n", 4));
    CopyDataChecker no_trailer(1);
    CHECK(no_trailer.feed("1\n2\n", 4));
    CHECK(!no_trailer.finish());
    CHECK(no_trailer.problem().find("end-of-data marker") != std::string::npos);
    CopyDataChecker cut(1);
    CHECK(cut.feed("1\n2", 3));
    CHECK(!cut.finish());
    CHECK(cut.problem().find("truncated") != std::string::npos);
    CopyDataChecker after(1);
    CHECK(!after.feed("1\n\\.\n2\n", 7));
    CHECK(after.problem().find("after the end-of-data marker") != std::string::npos);
    CopyDataChecker unchecked(-1);
    CHECK(unchecked.feed("a\tb\tc\nd\n\\.\n", 11) && unchecked.finish());
}

TEST(path_template_matches_its_expansions) {
    CivilTime when{};
    CHECK(match_path_template("shop-%Y%m%d-%H%M%S", "shop-20261201-030405", &when));
    CHECK(when.year == 2026 && when.month == 12 && when.day == 1 && when.hour == 3 && when.minute == 4 &&
          when.second == 5);
    CHECK(match_path_template("d%d-%m-%Y", "d31-12-2025", &when));
    CHECK(when.year == 2025 && when.month == 12 && when.day == 31 && when.hour == 0);
    CHECK(match_path_template("x%%%Y", "x%2026", &when));
    CHECK(!match_path_template("shop-%Y%m%d", "shop-2026120", &when));
    CHECK(!match_path_template("shop-%Y%m%d", "shop-202612011", &when));
    CHECK(!match_path_template("shop-%Y%m%d", "shop-2026x201", &when));
    CHECK(!match_path_template("shop-%Y%m%d", "other-20261201", &when));
    CHECK(path_template_has_placeholders("/b/x-%S"));
    CHECK(!path_template_has_placeholders("/b/100%%"));
    CHECK(!path_template_has_placeholders("/b/plain"));
}

TEST(manifest_memory_is_bounded_by_its_size) {
    /* a real one with many files fits */
    std::string real = manifest_start();
    for (int i = 0; i < 10000; i++)
        real += manifest_file_entry({"blob_" + std::to_string(i) + ".dat.gz", 1234, "2026-12-01 10:00:00 GMT",
                                     "SHA256", std::string(64, 'f')},
                                    i == 0);
    real += manifest_files_end() + manifest_checksum_line(std::string(64, '0'));
    Manifest out;
    std::string err;
    CHECK(parse_manifest(real.data(), real.size(), &out, &err));
    CHECK_EQ(out.files.size(), (size_t) 10000);
    /* one object of a million tiny fields would take some 20 times its size */
    std::string forged = "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [{";
    for (int i = 0; i < 1000000; i++)
        forged += "\"a\":1,";
    forged += "\"a\":1}],\n\"Manifest-Checksum\": \"" + std::string(64, '0') + "\"}\n";
    Manifest f;
    CHECK(!parse_manifest(forged.data(), forged.size(), &f, &err));
    CHECK_EQ(err, std::string("the manifest needs more memory than its size allows"));
}
