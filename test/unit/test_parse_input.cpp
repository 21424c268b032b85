/* The fast input parsers: PostgreSQL's values for canonical text, false for anything else. */
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "../../src/pure/copy_numbers.h"
#include "../../src/pure/parse_datetime.h"
#include "../../src/pure/parse_numeric.h"
#include "unit.h"

using namespace pd;

namespace {

const int64_t kSec = 1000000, kDay = INT64_C(86400000000);

bool tstz(const char *s, int64_t *v) { return parse_iso_timestamptz(s, std::strlen(s), v); }
bool ts(const char *s, int64_t *v) { return parse_iso_timestamp(s, std::strlen(s), v); }
bool date(const char *s, int32_t *v) { return parse_iso_date(s, std::strlen(s), v); }

/* the payload numeric_encode writes, "<none>" when it declines */
std::string enc(const std::string &s, int precision = -1, int scale = 0) {
    std::string out(numeric_encode_bound(s.size()), '\0');
    size_t n = numeric_encode(s.data(), s.size(), precision, scale, reinterpret_cast<uint8_t *>(&out[0]));
    if (n == 0)
        return "<none>";
    CHECK(n <= out.size());
    out.resize(n);
    return out;
}

/* numeric_out's text of a payload (copy_numbers: an independent reading of the format) */
std::string text(const std::string &p) {
    const unsigned char *b = reinterpret_cast<const unsigned char *>(p.data());
    std::string out(numeric_text_bound(b, p.size()), '\0');
    out.resize(numeric_to_text(b, p.size(), &out[0]));
    return out;
}

std::string words(std::initializer_list<uint16_t> ws) {
    std::string p;
    for (uint16_t w : ws)
        p.append(reinterpret_cast<const char *>(&w), sizeof w);
    return p;
}

} // namespace

TEST(parse_date_and_timestamps_values) {
    int32_t d;
    int64_t v;
    CHECK(julian_day(2000, 1, 1) == 2451545);
    CHECK(date("2000-01-01", &d) && d == 0);
    CHECK(date("1999-12-31", &d) && d == -1);
    CHECK(date("0001-01-01", &d) && d == -730119); /* proleptic Gregorian, as Python counts it too */
    CHECK(date("2024-02-29", &d) && d == 8825);
    CHECK(date("9999-12-31", &d) && d == 2921939);
    CHECK(ts("2000-01-01 00:00:00", &v) && v == 0);
    CHECK(ts("1999-12-31 23:59:59.999999", &v) && v == -1);
    CHECK(ts("2000-01-02 00:00:00.5", &v) && v == kDay + kSec / 2);
    CHECK(ts("2000-01-01 00:00:00.000001", &v) && v == 1);
    CHECK(tstz("2000-01-01 00:00:00+00", &v) && v == 0);
    CHECK(tstz("2000-01-01 05:30:00+05:30", &v) && v == 0);
    CHECK(tstz("1999-12-31 16:00:00-08", &v) && v == 0);
    CHECK(tstz("2000-01-01 00:53:28+00:53:28", &v) && v == 0); /* an LMT offset */
    CHECK(tstz("2025-01-01 00:00:07.25+00", &v) && v == 9132 * kDay + 7 * kSec + kSec / 4);
    CHECK(tstz("1900-03-01 00:00:00-15", &v) && v == (int64_t) (julian_day(1900, 3, 1) - 2451545) * kDay + 15 * 3600 * kSec);
}

TEST(parse_date_and_timestamps_decline) {
    int32_t d;
    int64_t v;
    const char *not_dates[] = {"2000-02-30", "1900-02-29", "0000-01-01", "2000-13-01", "2000-1-01", "20000-01-01",
                               "2000-01-01 BC", " 2000-01-01", "2000-01-01 ", "infinity", "-infinity",
                               "01/02/2000", "2000-01-01x", ""};
    for (const char *s : not_dates)
        CHECK(!date(s, &d));
    const char *not_ts[] = {"2000-01-01 24:00:00", "2000-01-01 23:60:00", "2000-01-01 23:59:60",
                            "2000-01-01 00:00:00.1234567", "2000-01-01 00:00:00.", "2000-01-01T00:00:00",
                            "2000-01-01 00:00:00 BC", "2000-01-01 00:00", "2000-01-01 00:00:00+00",
                            "infinity", "2000-01-01  00:00:00"};
    for (const char *s : not_ts)
        CHECK(!ts(s, &v));
    const char *not_tstz[] = {"2000-01-01 00:00:00", "2000-01-01 00:00:00+16", "2000-01-01 00:00:00+00:60",
                              "2000-01-01 00:00:00+0", "2000-01-01 00:00:00 UTC", "2000-01-01 00:00:00+00 BC",
                              "2000-01-01 00:00:00+00:00:60", "2000-01-01 00:00:00+00:", "2000-01-01 00:00:00+00x",
                              "0044-03-15 12:00:00+00 BC", "-infinity"};
    for (const char *s : not_tstz)
        CHECK(!tstz(s, &v));
}

TEST(parse_numeric_bytes) {
    /* NumericShort header: 0x8000 | sign 0x2000 | dscale << 7 | weight sign 0x40 | weight & 0x3F */
    CHECK(enc("0") == words({0x8000}));
    CHECK(enc("-0") == words({0x8000}));
    CHECK(enc("0.00") == words({0x8000 | 2 << 7}));
    CHECK(enc("12345.678") == words({0x8000 | 3 << 7 | 1, 1, 2345, 6780}));
    CHECK(enc("-0.0001") == words({0x8000 | 0x2000 | 4 << 7 | 0x40 | (-1 & 0x3F), 1}));
    CHECK(enc("0.00001234") == words({0x8000 | 8 << 7 | 0x40 | (-2 & 0x3F), 1234}));
    CHECK(enc("100000000") == words({0x8000 | 2, 1}));
    CHECK(enc("007.50") == words({0x8000 | 2 << 7, 7, 5000}));
    CHECK(enc("1.5", 12, 2) == words({0x8000 | 2 << 7, 1, 5000})); /* the typmod's scale */
    CHECK(enc("1", 12, 2) == words({0x8000 | 2 << 7, 1}));
    /* the long form: dscale > 63 or weight outside -64..63 */
    CHECK(enc("1." + std::string(70, '0')) == words({70, 0, 1}));
    CHECK(enc("-7" + std::string(400, '0')) == words({0x4000, 100, 7}));
}

TEST(parse_numeric_declines) {
    const char *no[] = {"NaN", "Infinity", "-Infinity", "1e5", " 1", "1 ", "+1", ".5", "5.", "-", "", "1.2.3",
                        "1,5", "0x10"};
    for (const char *s : no)
        CHECK(enc(s) == "<none>");
    CHECK(enc("1.234", 12, 2) == "<none>");        /* would round */
    CHECK(enc("12345678901", 12, 2) == "<none>");  /* numeric_in: overflow */
    CHECK(enc("1234567890", 12, 2) != "<none>");
    CHECK(enc("0.5", 2, 2) != "<none>");
    CHECK(enc("1.5", 2, 2) == "<none>");
    CHECK(enc("1", 5, -2) == "<none>");            /* negative scale: rounds to hundreds */
    CHECK(enc("1", 2, 5) == "<none>");             /* scale beyond precision */
    CHECK(enc(std::string(1001, '9')) == "<none>");
    CHECK(enc("0." + std::string(1001, '1')) == "<none>");
    CHECK(enc(std::string(2000, '0') + "1") != "<none>"); /* leading zeros do not count */
}

TEST(parse_numeric_round_trips_through_numeric_out) {
    std::mt19937_64 rng(14);
    for (int i = 0; i < 20000; i++) {
        std::string s = (rng() % 3 == 0) ? "-" : "";
        int intd = 1 + (int) (rng() % (i % 10 == 0 ? 300 : 20));
        std::string digits;
        for (int k = 0; k < intd; k++)
            digits += (char) ('0' + (k == 0 && intd > 1 ? 1 + rng() % 9 : rng() % 10));
        if (rng() % 5 == 0)
            digits = "0";
        s += digits;
        int fracd = (int) (rng() % (i % 10 == 1 ? 200 : 12));
        if (fracd > 0) {
            s += '.';
            for (int k = 0; k < fracd; k++)
                s += (char) ('0' + (rng() % 4 == 0 ? 0 : rng() % 10));
        }
        std::string p = enc(s);
        std::string back = p == "<none>" ? p : text(p);
        std::string want = s;
        if (want.rfind("-", 0) == 0 && want.find_first_not_of("-0.") == std::string::npos)
            want = want.substr(1); /* minus zero is zero */
        if (back != want) {
            std::printf("    %s -> %s\n", s.c_str(), back.c_str());
            CHECK(back == want);
            break;
        }
    }
}
