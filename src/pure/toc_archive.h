/*
 * The pg_dump 15 directory-archive table of contents (toc.dat, archive
 * version 1.14): the entry model, the writer, and a bounded reader that
 * treats its input as untrusted.
 */
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pd {

enum TocSection { SECTION_NONE = 1, SECTION_PRE_DATA = 2, SECTION_DATA = 3, SECTION_POST_DATA = 4 };

using OptString = std::optional<std::string>;

struct TocEntry {
    int dump_id = 0;
    bool had_dumper = false;
    std::string tableoid = "0";
    std::string oid = "0";
    std::string tag;
    std::string desc;
    int section = SECTION_PRE_DATA;
    OptString defn;
    OptString drop_stmt;
    OptString copy_stmt;
    OptString nspace;
    OptString tablespace;
    OptString tableam;
    OptString owner;
    std::vector<int> deps;
    std::string filename; /* "" when the entry has no data file; never NULL */
};

struct ArchiveHeader {
    int compression = -1;       /* pg_dump's -Z value: -1 default, 0 none, 1..9 */
    int tm[7] = {0, 0, 0, 1, 0, 70, 0}; /* sec, min, hour, mday, mon, year-1900, isdst */
    std::string dbname;
    std::string server_version;
    std::string dumper_version;
};

/* Serialises header and entries exactly as pg_dump 15 writes toc.dat. */
std::string serialize_toc(const ArchiveHeader &header, const std::vector<TocEntry> &entries);

/*
 * Parses toc.dat bytes.  Never reads past the end, rejects absurd lengths and
 * counts; on failure returns false and sets *error to a message fit for an
 * ERROR (no trailing period).
 */
bool parse_toc(const std::string &bytes, ArchiveHeader *header, std::vector<TocEntry> *entries,
               std::string *error);

} // namespace pd
