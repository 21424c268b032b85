/*
 * The pg_dump 15 directory-archive table of contents (toc.dat, archive
 * version 1.14): the entry model, the writer, and a bounded reader that
 * treats its input as untrusted.
 */
#pragma once

#include <csignal>
#include <cstdio>
#include <cstddef>
#include <cstdint>
#include <functional>
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
/* The same in pieces, appended to out: the header (for count entries), then each entry. */
void serialize_toc_header(std::string &out, const ArchiveHeader &header, size_t count);
void serialize_toc_entry(std::string &out, const TocEntry &e);

/*
 * Limits of a parse, which fit real archives: every count and length read
 * from the file is checked against the bytes that remain, and the memory the
 * parsed entries take (entries, strings, dependency lists) may not exceed
 * kTocMemoryPerByte times the file's size plus kTocMemorySlack.  A real
 * archive needs about 3 times its size (at most about 4.3 for entries of the
 * shortest real texts); forged files of empty entries need more (5.6 with
 * pg_dump's 4-byte integers, 7 with 3-byte ones).
 */
constexpr size_t kTocMemoryPerByte = 6;
constexpr size_t kTocMemorySlack = 1024 * 1024;
/* The parser looks at the stop flag after this many entries (and dependencies). */
constexpr int kTocCheckEvery = 256;
/* What a parse from a file reads at a time. */
constexpr size_t kTocReadChunk = 256 * 1024;

enum class TocParseStatus { ok, error, interrupted, end };

/*
 * Consecutive entries of large objects' metadata before the data section (a
 * BLOB, and the COMMENT, SECURITY LABEL and ACL entries of a LARGE OBJECT),
 * kept by a compact parse as where they are in toc.dat rather than as
 * entries: pg_dump 15 writes one BLOB entry per large object, and a
 * million of them would take ~740 MB parsed.  They are read again, one at a
 * time, when they are restored.
 */
struct TocRun {
    size_t offset = 0;  /* toc.dat offset of its first entry */
    int count = 0;      /* its entries */
    int position = 0;   /* it stands before entries[position] */
    int first_dump_id = 0;
    bool pre_data = false; /* has BLOB, COMMENT or SECURITY LABEL entries */
    bool acl = false;      /* has ACL entries */
    int pre_count = 0;     /* how many: BLOB, COMMENT, SECURITY LABEL */
    int acl_count = 0;     /* how many: ACL */
};

/* True for an entry a compact parse keeps in a TocRun (before the data section). */
bool large_object_metadata(const TocEntry &e);

/*
 * A parse of toc.dat: from bytes in memory (which must stay valid until it
 * ends) or streamed from an open file of len bytes, read from its current
 * position (the file is read, never closed, by the parser).
 *
 * run() stores every entry in entries (with compact, large objects'
 * metadata in runs instead), or hands it to sink when one is set (which
 * keeps it where it likes: it is not charged against the limits, and may
 * throw to end the parse).  It returns interrupted when *stop (if not
 * null) was found nonzero: the caller handles the interrupt (PostgreSQL:
 * CHECK_FOR_INTERRUPTS, outside C++) and calls run() again, which goes on
 * where it stopped.  next() instead returns one entry at a time (end after
 * the last), storing nothing.  A parse never reads past the end and never
 * allocates more than the limits above; on error, error() is a message fit
 * for an ERROR (no trailing period).
 */
class TocParser {
  public:
    TocParser(const char *bytes, size_t len);
    TocParser(std::FILE *file, size_t len);
    TocParseStatus run(const volatile std::sig_atomic_t *stop);
    TocParseStatus next(TocEntry *e);
    /*
     * Reads entry k (from 0) of a run run() found, in order: k == 0 goes
     * back to the run's offset.  error when the bytes there are no longer
     * such an entry.
     */
    TocParseStatus run_entry(const TocRun &run, int k, TocEntry *e);
    bool compact = false;
    std::function<void(TocEntry &&)> sink;
    ArchiveHeader header;
    std::vector<TocEntry> entries;
    std::vector<TocRun> runs;
    /* Entries in runs. */
    long long run_entries() const { return run_entries_; }
    const std::string &error() const { return error_; }
    /* Bytes the parsed entries take, as counted against the limit. */
    size_t footprint() const { return footprint_; }

  private:
    bool fail(const std::string &m);
    bool start();
    bool entry(TocEntry *e);
    bool keep(TocEntry &&e, size_t offset);
    bool fill();
    bool take(char *out, size_t n);
    bool byte(unsigned char *v);
    bool integer(long long *v);
    bool str(OptString *s);
    bool required(std::string *s, const char *what);
    bool charge(size_t bytes);
    bool seek(size_t offset);

    const char *data_;       /* the bytes of [lo_, hi_) */
    std::FILE *file_ = nullptr;
    std::string chunk_;      /* a file's bytes read last */
    size_t lo_ = 0, hi_ = 0; /* what data_ holds */
    size_t len_;
    size_t pos_ = 0;
    int int_size_ = 4;
    int minor_ = 0;
    bool started_ = false;
    bool before_data_ = true;
    bool in_run_ = false;
    long long count_ = 0;
    long long read_ = 0;
    long long run_entries_ = 0;
    size_t kept_ = 0; /* entries kept (in entries or by the sink), runs apart */
    size_t footprint_ = 0;
    size_t budget_;
    std::string error_;
};

/*
 * Parses toc.dat bytes in one go (no interrupt): the same checks and limits.
 * On failure returns false and sets *error.
 */
bool parse_toc(const std::string &bytes, ArchiveHeader *header, std::vector<TocEntry> *entries,
               std::string *error);

/*
 * The encoding an archive's ENCODING entry names ("SET client_encoding =
 * 'UTF8';"), as pg_restore reads it; "" when there is no such entry or it
 * names none.
 */
std::string archive_encoding_name(const std::vector<TocEntry> &entries);
/* The same for one entry ("" unless it is an ENCODING entry). */
std::string encoding_entry_name(const TocEntry &e);

} // namespace pd
