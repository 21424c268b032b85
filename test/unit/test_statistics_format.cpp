/* The statistics file's records: escaping round trip, typed parsing, order, hostile lines. */
#include "../../src/pure/copy_text.h"
#include "../../src/pure/statistics_format.h"
#include "unit.h"

#include <cstring>

using namespace pd;

namespace {

/* One line as the dump writes it: each field COPY-escaped, \N for NULL, tab-separated. */
std::string line_of(const std::vector<const char *> &fields) {
    std::string out;
    for (size_t i = 0; i < fields.size(); i++) {
        if (i > 0)
            out += '\t';
        if (fields[i] == nullptr) {
            out += "\\N";
            continue;
        }
        std::string esc(copy_text_escaped_bound(std::strlen(fields[i])), '\0');
        esc.resize(copy_text_escape(fields[i], std::strlen(fields[i]), &esc[0]));
        out += esc;
    }
    return out;
}

struct Split {
    std::string buf;
    std::vector<char *> f = std::vector<char *>(64);
    int n = 0;
    char err[256] = "";
    explicit Split(const std::string &line, int max = 64) : buf(line) {
        n = stats_split_line(&buf[0], buf.size(), f.data(), max, err, sizeof err);
    }
};

std::vector<const char *> column_fields(const char *kind1, const char *values) {
    std::vector<const char *> v = {"C", "a\tb", "integer[]", "f", "0.25", "4", "-0.5"};
    v.insert(v.end(), {kind1, "=(integer,integer)", "pg_catalog.default", "{0.5,0.25}", "integer", values});
    for (int k = 1; k < kStatsSlots; k++)
        v.insert(v.end(), {"0", nullptr, nullptr, nullptr, nullptr, nullptr});
    return v;
}

} // namespace

TEST(stats_fields_round_trip_any_text) {
    const char *odd = "tab\there\nnewline\\back\rcr\b\f\v";
    Split s(line_of({"R", odd, nullptr, ""}));
    CHECK_EQ(s.n, 4);
    CHECK(std::strcmp(s.f[0], "R") == 0);
    CHECK(std::strcmp(s.f[1], odd) == 0);
    CHECK(s.f[2] == nullptr);
    CHECK(std::strcmp(s.f[3], "") == 0);
}

TEST(stats_split_refuses_hostile_lines) {
    CHECK_EQ(Split("a\\qb").n, -1);                  /* unknown escape */
    CHECK_EQ(Split("ends in \\").n, -1);             /* escape cut off */
    CHECK_EQ(Split(std::string("a\0b", 3)).n, -1);   /* NUL byte */
    CHECK_EQ(Split("a\tb\tc", 2).n, -1);             /* more fields than allowed */
    CHECK_EQ(Split("a\tb\tc", 3).n, 3);
    CHECK(std::strstr(Split("a\tb\tc", 2).err, "too many fields") != nullptr);
}

TEST(stats_relation_records) {
    Split s(line_of({"R", "public", "t", "r", "12", "1000", "11"}));
    StatsRelation r;
    char err[256];
    CHECK(stats_parse_relation(s.f.data(), s.n, &r, err, sizeof err));
    CHECK_EQ(std::string(r.name), std::string("t"));
    CHECK_EQ(r.relkind, 'r');
    CHECK_EQ(r.relpages, 12);
    CHECK(r.reltuples == 1000.0f);
    CHECK_EQ(r.relallvisible, 11);
    /* reltuples -1: never analyzed (PostgreSQL 14 and later) */
    /* relpages -1: a partitioned table's */
    Split never(line_of({"R", "public", "t", "p", "-1", "-1", "0"}));
    CHECK(stats_parse_relation(never.f.data(), never.n, &r, err, sizeof err));
    CHECK(r.reltuples == -1.0f);
    CHECK_EQ(r.relpages, -1);
    for (auto bad : std::vector<std::vector<const char *>>{
             {"R", "public", "t", "v", "1", "1", "1"},          /* a view has no statistics */
             {"R", "public", "t", "r", "-2", "1", "1"},         /* negative pages beyond -1 */
             {"R", "public", "t", "r", "1", "nan", "1"},        /* not a number */
             {"R", "public", "t", "r", "1", "1e40", "1"},       /* out of range */
             {"R", "public", "t", "r", "99999999999", "1", "1"},
             {"R", "public", "", "r", "1", "1", "1"},           /* no name */
             {"R", "public", "t", "r", "1", "1"},               /* a field missing */
             {"R", "public", "t", "r", "1x", "1", "1"}}) {
        Split b(line_of(bad));
        CHECK(!stats_parse_relation(b.f.data(), b.n, &r, err, sizeof err));
    }
}

TEST(stats_column_records) {
    auto fields = column_fields("1", "{1,2}");
    Split s(line_of(fields));
    StatsColumn c;
    char err[256];
    CHECK(stats_parse_column(s.f.data(), s.n, &c, err, sizeof err));
    CHECK_EQ(std::string(c.column), std::string("a\tb"));
    CHECK(!c.inherit);
    CHECK(c.nullfrac == 0.25f);
    CHECK_EQ(c.width, 4);
    CHECK(c.distinct == -0.5f);
    CHECK_EQ(c.slots[0].kind, 1);
    CHECK_EQ(std::string(c.slots[0].values), std::string("{1,2}"));
    CHECK(c.slots[1].kind == 0 && c.slots[1].values == nullptr);
    /* values without their element type, a used empty slot, a bad kind, nullfrac beyond 1 */
    auto no_type = fields;
    no_type[7 + 4] = nullptr;
    auto used_empty = column_fields("0", "{1}");
    auto bad_kind = column_fields("70000", "{1}");
    auto bad_frac = fields;
    bad_frac[4] = "1.5";
    auto bad_inherit = fields;
    bad_inherit[3] = "yes";
    for (auto &bad : {no_type, used_empty, bad_kind, bad_frac, bad_inherit}) {
        Split b(line_of(bad));
        CHECK(!stats_parse_column(b.f.data(), b.n, &c, err, sizeof err));
    }
}

TEST(stats_header_and_end) {
    char err[256];
    StatsHeader h;
    Split ok(line_of({"PDSTATS", "1", "UTF8"}));
    CHECK(stats_parse_header(ok.f.data(), ok.n, &h, err, sizeof err));
    CHECK_EQ(std::string(h.encoding), std::string("UTF8"));
    Split later(line_of({"PDSTATS", "2", "UTF8"}));
    CHECK(!stats_parse_header(later.f.data(), later.n, &h, err, sizeof err));
    CHECK(std::strstr(err, "version") != nullptr);
    int64_t r, c;
    Split end(line_of({"END", "3", "7"}));
    CHECK(stats_parse_end(end.f.data(), end.n, &r, &c, err, sizeof err));
    CHECK(r == 3 && c == 7);
}

TEST(stats_sequence_order) {
    char err[256];
    {
        StatsSequence s;
        CHECK(s.next('H', err, sizeof err) && s.next('R', err, sizeof err) && s.next('C', err, sizeof err) &&
              s.next('C', err, sizeof err) && s.next('R', err, sizeof err) && s.next('E', err, sizeof err));
        CHECK(s.finished());
        CHECK(s.end(2, 2, err, sizeof err));
        CHECK(!s.end(2, 3, err, sizeof err)); /* a line lost */
        CHECK(!s.next('R', err, sizeof err)); /* nothing after END */
    }
    {
        StatsSequence s;
        CHECK(!s.next('R', err, sizeof err)); /* no header */
    }
    {
        StatsSequence s;
        CHECK(s.next('H', err, sizeof err));
        CHECK(!s.next('C', err, sizeof err)); /* a column of no relation */
    }
    {
        StatsSequence s;
        CHECK(s.next('H', err, sizeof err));
        CHECK(!s.next(0, err, sizeof err));
        CHECK(!s.finished()); /* a truncated file has no END */
    }
}
