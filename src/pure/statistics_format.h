/*
 * The layout of an archive's statistics file (statistics.dat[.gz]), which
 * pd_dump writes with statistics => true and pd_restore applies: lines of
 * tab-separated fields, COPY TEXT escaped (\N for NULL), so that any text
 * round-trips.  Stock pg_restore never opens the file.
 *
 *   PDSTATS <version> <encoding name>
 *   R <schema> <relation> <relkind> <relpages> <reltuples> <relallvisible>
 *   C <column> <type> <inherit> <nullfrac> <width> <distinct>
 *     then 5 slots of <kind> <operator> <collation> <numbers> <values type> <values>
 *   ...
 *   END <relations> <columns>
 *
 * Each C line belongs to the R line before it.  Names are names (never
 * OIDs): operators as regoperator text, collations schema-qualified, types
 * as format_type, arrays as their text with their element type.  Parsing
 * works in place on a line buffer and allocates nothing, so that the server
 * side may call it with no C++ object alive; a hostile file is an error
 * message, never an overrun.
 */
#pragma once

#include <cstddef>
#include <cstdint>


namespace pd {

constexpr int kStatsVersion = 1;
constexpr const char kStatsFileName[] = "statistics.dat";
constexpr int kStatsSlots = 5;
constexpr int kStatsSlotFields = 6;
constexpr int kStatsRelationFields = 7;
constexpr int kStatsColumnFields = 7 + kStatsSlots * kStatsSlotFields;
/* the longest line a reader accepts: ANALYZE keeps values up to 1 kB, 10,000 per slot at most */
constexpr size_t kStatsMaxLine = 64u * 1024 * 1024;

/*
 * Splits line[0..len) at tabs into at most max fields and unescapes each
 * in place (NUL-ended; NULL for \N).  Returns the number of fields, or -1
 * with a message in err (more than max fields, a bad escape, a NUL byte).
 */
int stats_split_line(char *line, size_t len, char **fields, int max, char *err, size_t errlen) noexcept;

struct StatsHeader {
    int version;
    const char *encoding;
};

struct StatsRelation {
    const char *schema;
    const char *name;
    char relkind; /* r, p, m or i */
    int32_t relpages;
    float reltuples;
    int32_t relallvisible;
};

struct StatsSlot {
    int16_t kind; /* 0: slot unused, then everything else is NULL */
    const char *op;        /* NULL: none */
    const char *collation; /* NULL: none */
    const char *numbers;   /* float4[] text or NULL */
    const char *values_type; /* element type of values, or NULL */
    const char *values;      /* array text or NULL */
};

struct StatsColumn {
    const char *column;
    const char *type;
    bool inherit;
    float nullfrac;
    int32_t width;
    float distinct;
    StatsSlot slots[kStatsSlots];
};

/* Each takes the fields of one line (as stats_split_line gave them); false with err on a bad record. */
bool stats_parse_header(char **f, int n, StatsHeader *out, char *err, size_t errlen) noexcept;
bool stats_parse_relation(char **f, int n, StatsRelation *out, char *err, size_t errlen) noexcept;
bool stats_parse_column(char **f, int n, StatsColumn *out, char *err, size_t errlen) noexcept;
/* The END line: how many R and C lines came before it. */
bool stats_parse_end(char **f, int n, int64_t *relations, int64_t *columns, char *err, size_t errlen) noexcept;

/* The record type of a line's first field: 'H', 'R', 'C', 'E', or 0 when unknown. */
char stats_record_type(const char *first) noexcept;

/*
 * The order of a file's records: the header first, C only after an R, END
 * last with the counts seen, nothing after it.  Feed every record type.
 */
class StatsSequence {
  public:
    bool next(char type, char *err, size_t errlen) noexcept;
    /* after the END line was parsed: its counts must be what came */
    bool end(int64_t relations, int64_t columns, char *err, size_t errlen) noexcept;
    bool finished() const noexcept { return ended_; }

  private:
    bool header_ = false, relation_ = false, ended_ = false;
    int64_t relations_ = 0, columns_ = 0;
};

} // namespace pd
