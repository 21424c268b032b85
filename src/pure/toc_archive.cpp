#include "toc_archive.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/types.h>
#include <new>

#include "no_postgres.h"

namespace pd {
namespace {

constexpr int kIntSize = 4;
constexpr int kOffSize = 8;
constexpr int kFormatTar = 3; /* pg_dump writes archTar into a directory archive's header */
constexpr unsigned char kVersionMajor = 1, kVersionMinor = 14, kVersionRev = 0;

void put_int(std::string &out, long long value) {
    out.push_back(value < 0 ? 1 : 0);
    unsigned long long magnitude = value < 0 ? 0ULL - static_cast<unsigned long long>(value)
                                             : static_cast<unsigned long long>(value);
    for (int i = 0; i < kIntSize; i++) {
        out.push_back(static_cast<char>(magnitude & 0xff));
        magnitude >>= 8;
    }
}

void put_str(std::string &out, const std::string &s) {
    put_int(out, static_cast<long long>(s.size()));
    out.append(s);
}

void put_opt(std::string &out, const OptString &s) {
    if (!s)
        put_int(out, -1);
    else
        put_str(out, *s);
}

/* Capacity beyond the object itself, as the parse's memory limit counts it. */
size_t heap_bytes(const std::string &s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
size_t heap_bytes(const OptString &s) { return s ? heap_bytes(*s) : 0; }

size_t entry_heap_bytes(const TocEntry &e) {
    return heap_bytes(e.tableoid) + heap_bytes(e.oid) + heap_bytes(e.tag) + heap_bytes(e.desc) +
           heap_bytes(e.defn) + heap_bytes(e.drop_stmt) + heap_bytes(e.copy_stmt) + heap_bytes(e.nspace) +
           heap_bytes(e.tablespace) + heap_bytes(e.tableam) + heap_bytes(e.owner) + heap_bytes(e.filename) +
           e.deps.capacity() * sizeof(int);
}

} // namespace

void serialize_toc_header(std::string &out, const ArchiveHeader &header, size_t count) {
    out.append("PGDMP", 5);
    out.push_back(static_cast<char>(kVersionMajor));
    out.push_back(static_cast<char>(kVersionMinor));
    out.push_back(static_cast<char>(kVersionRev));
    out.push_back(static_cast<char>(kIntSize));
    out.push_back(static_cast<char>(kOffSize));
    out.push_back(static_cast<char>(kFormatTar));
    put_int(out, header.compression);
    for (int v : header.tm)
        put_int(out, v);
    put_str(out, header.dbname);
    put_str(out, header.server_version);
    put_str(out, header.dumper_version);
    put_int(out, static_cast<long long>(count));
}

void serialize_toc_entry(std::string &out, const TocEntry &e) {
    put_int(out, e.dump_id);
    put_int(out, e.had_dumper ? 1 : 0);
    put_str(out, e.tableoid);
    put_str(out, e.oid);
    put_str(out, e.tag);
    put_str(out, e.desc);
    put_int(out, e.section);
    put_opt(out, e.defn);
    put_opt(out, e.drop_stmt);
    put_opt(out, e.copy_stmt);
    put_opt(out, e.nspace);
    put_opt(out, e.tablespace);
    put_opt(out, e.tableam);
    put_opt(out, e.owner);
    put_str(out, "false"); /* withOids: pg_restore crashes on NULL here */
    for (int d : e.deps)
        put_str(out, std::to_string(d));
    put_int(out, -1); /* end of dependency list */
    put_str(out, e.filename);
}

std::string serialize_toc(const ArchiveHeader &header, const std::vector<TocEntry> &entries) {
    std::string out;
    serialize_toc_header(out, header, entries.size());
    for (const TocEntry &e : entries)
        serialize_toc_entry(out, e);
    return out;
}

namespace {

size_t toc_budget(size_t len) {
    return kTocMemorySlack + (len < SIZE_MAX / kTocMemoryPerByte ? len * kTocMemoryPerByte : SIZE_MAX - kTocMemorySlack);
}

bool starts_with(const std::string &s, const char *prefix) { return s.compare(0, std::strlen(prefix), prefix) == 0; }

} // namespace

bool large_object_metadata(const TocEntry &e) {
    if (e.had_dumper || !e.filename.empty())
        return false;
    if (e.desc == "BLOB")
        return e.section == SECTION_PRE_DATA;
    return (e.desc == "COMMENT" || e.desc == "SECURITY LABEL" || e.desc == "ACL") && e.section == SECTION_NONE &&
           starts_with(e.tag, "LARGE OBJECT ");
}

TocParser::TocParser(const char *bytes, size_t len) : data_(bytes), hi_(len), len_(len), budget_(toc_budget(len)) {}

TocParser::TocParser(std::FILE *file, size_t len) : data_(nullptr), file_(file), len_(len), budget_(toc_budget(len)) {}

bool TocParser::fail(const std::string &m) {
    if (error_.empty())
        error_ = m;
    return false;
}

/* The next bytes of a file, from pos_ on. */
bool TocParser::fill() {
    if (!file_ || pos_ >= len_)
        return fail("unexpected end of file");
    if (chunk_.empty())
        chunk_.resize(kTocReadChunk);
    size_t n = std::fread(&chunk_[0], 1, std::min(kTocReadChunk, len_ - pos_), file_);
    if (n == 0)
        return fail(std::ferror(file_) ? std::string("could not read file: ") + std::strerror(errno)
                                       : std::string("unexpected end of file"));
    data_ = chunk_.data();
    lo_ = pos_;
    hi_ = pos_ + n;
    return true;
}

bool TocParser::take(char *out, size_t n) {
    while (n > 0) {
        if (pos_ == hi_ && !fill())
            return false;
        size_t k = std::min(n, hi_ - pos_);
        std::memcpy(out, data_ + (pos_ - lo_), k);
        out += k;
        pos_ += k;
        n -= k;
    }
    return true;
}

bool TocParser::seek(size_t offset) {
    if (offset > len_)
        return fail("offset beyond the end of the file");
    if (file_) {
        if (fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0)
            return fail(std::string("could not seek in file: ") + std::strerror(errno));
        lo_ = hi_ = offset;
    }
    pos_ = offset;
    return true;
}

bool TocParser::byte(unsigned char *v) {
    if (pos_ == hi_ && !fill())
        return false;
    *v = static_cast<unsigned char>(data_[pos_ - lo_]);
    pos_++;
    return true;
}

bool TocParser::integer(long long *v) {
    unsigned char sign;
    if (!byte(&sign))
        return false;
    unsigned long long magnitude = 0;
    for (int i = 0; i < int_size_; i++) {
        unsigned char b;
        if (!byte(&b))
            return false;
        magnitude |= static_cast<unsigned long long>(b) << (8 * i);
    }
    if (magnitude > 0x7fffffffULL)
        return fail("integer out of range");
    *v = sign ? -static_cast<long long>(magnitude) : static_cast<long long>(magnitude);
    return true;
}

bool TocParser::str(OptString *s) {
    long long len;
    if (!integer(&len))
        return false;
    if (len < 0) {
        /* pg_dump writes -1 for NULL; any other negative length is damage */
        if (len != -1)
            return fail("invalid string length " + std::to_string(len));
        s->reset();
        return true;
    }
    if (static_cast<unsigned long long>(len) > len_ - pos_)
        return fail("string length runs past the end of the file");
    s->emplace(static_cast<size_t>(len), '\0');
    return len == 0 || take(&(**s)[0], static_cast<size_t>(len));
}

bool TocParser::required(std::string *s, const char *what) {
    OptString o;
    if (!str(&o))
        return false;
    if (!o)
        return fail(std::string("missing ") + what);
    *s = std::move(*o);
    return true;
}

bool TocParser::charge(size_t bytes) {
    footprint_ += bytes;
    if (footprint_ > budget_)
        return fail("the table of contents needs more memory than its file size allows (" +
                    std::to_string(footprint_) + " bytes at entry " + std::to_string(read_) + ")");
    return true;
}

/* Magic, version, header fields and the entry count. */
bool TocParser::start() {
    char magic[5];
    if (len_ < 5 || !take(magic, 5) || std::memcmp(magic, "PGDMP", 5) != 0) {
        error_.clear();
        return fail("input file does not appear to be a valid archive (bad magic)");
    }
    unsigned char vmaj, vmin, vrev, isize, osize, fmt;
    if (!byte(&vmaj) || !byte(&vmin) || !byte(&vrev) || !byte(&isize) || !byte(&osize) || !byte(&fmt))
        return false;
    if (vmaj != 1 || vmin < 12 || vmin > 14)
        return fail("unsupported version (" + std::to_string(vmaj) + "." + std::to_string(vmin) +
                    ") in file header");
    if (isize < 1 || isize > 8)
        return fail("unsupported integer size " + std::to_string(isize) + " in file header");
    if (fmt != kFormatTar && fmt != 5)
        return fail("unexpected format (" + std::to_string(fmt) + ") in file header");
    int_size_ = isize;
    minor_ = vmin;
    long long v;
    if (!integer(&v))
        return false;
    if (v < -1 || v > 9)
        return fail("invalid compression level in header");
    header.compression = static_cast<int>(v);
    for (int &t : header.tm) {
        if (!integer(&v))
            return false;
        t = static_cast<int>(v);
    }
    if (!required(&header.dbname, "database name") || !required(&header.server_version, "server version") ||
        !required(&header.dumper_version, "dumper version"))
        return false;
    if (!integer(&count_))
        return false;
    /* each entry has 16 fields (17 from 1.14), each at least an integer */
    size_t min_entry = static_cast<size_t>(minor_ >= 14 ? 17 : 16) * (1 + static_cast<size_t>(int_size_));
    if (count_ < 0 || static_cast<unsigned long long>(count_) > (len_ - pos_) / min_entry)
        return fail("invalid TOC entry count " + std::to_string(count_) + " for a file of " +
                    std::to_string(len_) + " bytes");
    started_ = true;
    return true;
}

bool TocParser::entry(TocEntry *out) {
    *out = TocEntry();
    TocEntry &e = *out;
    long long id, had, section;
    if (!integer(&id))
        return false;
    if (id <= 0)
        return fail("entry ID " + std::to_string(id) + " out of range -- perhaps a corrupt TOC");
    e.dump_id = static_cast<int>(id);
    if (!integer(&had))
        return false;
    e.had_dumper = had != 0;
    if (!required(&e.tableoid, "table OID") || !required(&e.oid, "OID") || !required(&e.tag, "tag") ||
        !required(&e.desc, "entry type"))
        return false;
    if (!integer(&section))
        return false;
    if (section < SECTION_NONE || section > SECTION_POST_DATA)
        return fail("invalid section code " + std::to_string(section));
    e.section = static_cast<int>(section);
    if (!str(&e.defn) || !str(&e.drop_stmt) || !str(&e.copy_stmt) || !str(&e.nspace) || !str(&e.tablespace))
        return false;
    if (minor_ >= 14 && !str(&e.tableam))
        return false;
    OptString with_oids;
    if (!str(&e.owner) || !str(&with_oids))
        return false;
    /* what the entry takes so far: a list of dependencies is charged as it grows */
    size_t entry_bytes = sizeof(TocEntry) + entry_heap_bytes(e);
    if (!charge(entry_bytes))
        return false;
    for (;;) {
        OptString dep;
        if (!str(&dep))
            return false;
        if (!dep)
            break;
        char *end = nullptr;
        long d = std::strtol(dep->c_str(), &end, 10);
        if (dep->empty() || *end != '\0' || d <= 0 || d > 0x7fffffffL)
            return fail("invalid dependency in TOC entry " + std::to_string(id));
        size_t before = e.deps.capacity();
        e.deps.push_back(static_cast<int>(d));
        if (e.deps.capacity() != before) {
            entry_bytes += (e.deps.capacity() - before) * sizeof(int);
            if (!charge((e.deps.capacity() - before) * sizeof(int)))
                return false;
        }
    }
    OptString fname;
    if (!str(&fname))
        return false;
    e.filename = fname ? std::move(*fname) : std::string();
    entry_bytes += heap_bytes(e.filename);
    if (!charge(heap_bytes(e.filename)))
        return false;
    /* charged while it is parsed; what stays charged is the caller's (keep) */
    footprint_ -= entry_bytes;
    return true;
}

/* Stores a parsed entry (read at offset): in entries, or in a run. */
bool TocParser::keep(TocEntry &&e, size_t offset) {
    if (e.section == SECTION_DATA || e.section == SECTION_POST_DATA)
        before_data_ = false;
    if (compact && before_data_ && large_object_metadata(e)) {
        if (!in_run_) {
            if (!charge(sizeof(TocRun)))
                return false;
            TocRun r;
            r.offset = offset;
            r.position = static_cast<int>(kept_);
            r.first_dump_id = e.dump_id;
            runs.push_back(r);
            in_run_ = true;
        }
        TocRun &r = runs.back();
        r.count++;
        (e.desc == "ACL" ? r.acl : r.pre_data) = true;
        (e.desc == "ACL" ? r.acl_count : r.pre_count)++;
        run_entries_++;
        return true;
    }
    in_run_ = false;
    kept_++;
    if (sink) { /* kept by the sink, not here: nothing to charge */
        sink(std::move(e));
        return true;
    }
    if (!charge(sizeof(TocEntry) + entry_heap_bytes(e)))
        return false;
    entries.push_back(std::move(e));
    return true;
}

namespace {

/* Runs a parse step unless the parse already failed; running out of memory is an error too. */
template <class F> TocParseStatus guarded(std::string &error, F step) {
    if (!error.empty())
        return TocParseStatus::error;
    try {
        return step();
    } catch (const std::bad_alloc &) {
        if (error.empty())
            error = "out of memory";
        return TocParseStatus::error;
    }
}

} // namespace

TocParseStatus TocParser::run(const volatile std::sig_atomic_t *stop) {
    return guarded(error_, [&] {
        if (!started_) {
            if (!start())
                return TocParseStatus::error;
            entries.clear();
            /* grow as entries really come, never on the word of the count alone */
            entries.reserve(static_cast<size_t>(std::min<long long>(count_, 1024)));
        }
        while (read_ < count_) {
            size_t at = pos_;
            TocEntry e;
            if (!entry(&e))
                return TocParseStatus::error;
            read_++;
            if (!keep(std::move(e), at))
                return TocParseStatus::error;
            if (stop && *stop && read_ % kTocCheckEvery == 0)
                return TocParseStatus::interrupted;
        }
        if (pos_ != len_) {
            fail("trailing garbage after the last TOC entry");
            return TocParseStatus::error;
        }
        return TocParseStatus::ok;
    });
}

TocParseStatus TocParser::next(TocEntry *e) {
    return guarded(error_, [&] {
        if (!started_ && !start())
            return TocParseStatus::error;
        if (read_ == count_) {
            if (pos_ == len_)
                return TocParseStatus::end;
            fail("trailing garbage after the last TOC entry");
            return TocParseStatus::error;
        }
        if (!entry(e))
            return TocParseStatus::error;
        read_++;
        return TocParseStatus::ok;
    });
}

TocParseStatus TocParser::run_entry(const TocRun &run, int k, TocEntry *e) {
    return guarded(error_, [&] {
        if (k < 0 || k >= run.count) {
            fail("no entry " + std::to_string(k) + " in a run of " + std::to_string(run.count));
            return TocParseStatus::error;
        }
        if ((k == 0 && !seek(run.offset)) || !entry(e))
            return TocParseStatus::error;
        if (!large_object_metadata(*e) || (k == 0 && e->dump_id != run.first_dump_id)) {
            fail("the table of contents changed while it was read");
            return TocParseStatus::error;
        }
        return TocParseStatus::ok;
    });
}

bool parse_toc(const std::string &bytes, ArchiveHeader *header, std::vector<TocEntry> *entries,
               std::string *error) {
    TocParser p(bytes.data(), bytes.size());
    if (p.run(nullptr) != TocParseStatus::ok) {
        *error = p.error().empty() ? "corrupt archive" : p.error();
        return false;
    }
    *header = std::move(p.header);
    *entries = std::move(p.entries);
    return true;
}

std::string encoding_entry_name(const TocEntry &e) {
    if (e.desc != "ENCODING" || !e.defn)
        return "";
    /* pg_restore takes what stands between the first "= '" and the next quote */
    const std::string &d = *e.defn;
    size_t at = d.find("= '");
    if (at == std::string::npos)
        return "";
    size_t end = d.find('\'', at + 3);
    return end == std::string::npos ? "" : d.substr(at + 3, end - at - 3);
}

std::string archive_encoding_name(const std::vector<TocEntry> &entries) {
    for (const TocEntry &e : entries)
        if (e.desc == "ENCODING" && e.defn)
            return encoding_entry_name(e);
    return "";
}

} // namespace pd
