#include "toc_archive.h"

#include <cstring>

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

/* Bounded cursor over untrusted bytes. */
class Reader {
  public:
    explicit Reader(const std::string &b) : bytes_(b) {}

    bool byte(unsigned char *v) {
        if (pos_ >= bytes_.size())
            return fail("unexpected end of file");
        *v = static_cast<unsigned char>(bytes_[pos_++]);
        return true;
    }
    bool integer(long long *v) {
        unsigned char sign;
        if (!byte(&sign))
            return false;
        unsigned long long magnitude = 0;
        for (int i = 0; i < int_size_; i++) {
            unsigned char b;
            if (!byte(&b))
                return false;
            if (i < 8)
                magnitude |= static_cast<unsigned long long>(b) << (8 * i);
        }
        if (magnitude > 0x7fffffffULL)
            return fail("integer out of range");
        *v = sign ? -static_cast<long long>(magnitude) : static_cast<long long>(magnitude);
        return true;
    }
    bool str(OptString *s) {
        long long len;
        if (!integer(&len))
            return false;
        if (len < 0) {
            s->reset();
            return true;
        }
        if (static_cast<unsigned long long>(len) > bytes_.size() - pos_)
            return fail("string length runs past the end of the file");
        *s = bytes_.substr(pos_, static_cast<size_t>(len));
        pos_ += static_cast<size_t>(len);
        return true;
    }
    bool required(std::string *s, const char *what) {
        OptString o;
        if (!str(&o))
            return false;
        if (!o)
            return fail(std::string("missing ") + what);
        *s = std::move(*o);
        return true;
    }
    bool fail(const std::string &m) {
        if (error_.empty())
            error_ = m;
        return false;
    }
    void set_int_size(int n) { int_size_ = n; }
    bool at_end() const { return pos_ == bytes_.size(); }
    const std::string &error() const { return error_; }

  private:
    const std::string &bytes_;
    size_t pos_ = 0;
    int int_size_ = kIntSize;
    std::string error_;
};

} // namespace

std::string serialize_toc(const ArchiveHeader &header, const std::vector<TocEntry> &entries) {
    std::string out;
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
    put_int(out, static_cast<long long>(entries.size()));
    for (const TocEntry &e : entries) {
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
    return out;
}

bool parse_toc(const std::string &bytes, ArchiveHeader *header, std::vector<TocEntry> *entries,
               std::string *error) {
    Reader r(bytes);
    auto done = [&](bool ok) {
        if (!ok)
            *error = r.error().empty() ? "corrupt archive" : r.error();
        return ok;
    };
    if (bytes.size() < 5 || bytes.compare(0, 5, "PGDMP") != 0)
        return done(r.fail("input file does not appear to be a valid archive (bad magic)"));
    Reader &rd = r;
    unsigned char vmaj, vmin, vrev, isize, osize, fmt;
    for (int i = 0; i < 5; i++) {
        unsigned char skip;
        rd.byte(&skip);
    }
    if (!rd.byte(&vmaj) || !rd.byte(&vmin) || !rd.byte(&vrev) || !rd.byte(&isize) ||
        !rd.byte(&osize) || !rd.byte(&fmt))
        return done(false);
    if (vmaj != 1 || vmin < 12 || vmin > 14)
        return done(r.fail("unsupported version (" + std::to_string(vmaj) + "." +
                           std::to_string(vmin) + ") in file header"));
    if (isize < 1 || isize > 8)
        return done(r.fail("unsupported integer size " + std::to_string(isize) + " in file header"));
    if (fmt != kFormatTar && fmt != 5)
        return done(r.fail("unexpected format (" + std::to_string(fmt) + ") in file header"));
    r.set_int_size(isize);
    long long v;
    if (!r.integer(&v))
        return done(false);
    if (v < -1 || v > 9)
        return done(r.fail("invalid compression level in header"));
    header->compression = static_cast<int>(v);
    for (int &t : header->tm) {
        if (!r.integer(&v))
            return done(false);
        t = static_cast<int>(v);
    }
    if (!r.required(&header->dbname, "database name") ||
        !r.required(&header->server_version, "server version") ||
        !r.required(&header->dumper_version, "dumper version"))
        return done(false);
    long long count;
    if (!r.integer(&count))
        return done(false);
    /* every entry takes well over 16 bytes, which bounds a lying count */
    if (count < 0 || static_cast<unsigned long long>(count) > bytes.size() / 16 + 1)
        return done(r.fail("invalid TOC entry count " + std::to_string(count)));
    entries->clear();
    entries->reserve(static_cast<size_t>(count));
    for (long long i = 0; i < count; i++) {
        TocEntry e;
        long long id, had, section;
        if (!r.integer(&id))
            return done(false);
        if (id <= 0)
            return done(r.fail("entry ID " + std::to_string(id) + " out of range -- perhaps a corrupt TOC"));
        e.dump_id = static_cast<int>(id);
        if (!r.integer(&had))
            return done(false);
        e.had_dumper = had != 0;
        if (!r.required(&e.tableoid, "table OID") || !r.required(&e.oid, "OID") ||
            !r.required(&e.tag, "tag") || !r.required(&e.desc, "entry type"))
            return done(false);
        if (!r.integer(&section))
            return done(false);
        if (section < SECTION_NONE || section > SECTION_POST_DATA)
            return done(r.fail("invalid section code " + std::to_string(section)));
        e.section = static_cast<int>(section);
        if (!r.str(&e.defn) || !r.str(&e.drop_stmt) || !r.str(&e.copy_stmt) || !r.str(&e.nspace) ||
            !r.str(&e.tablespace))
            return done(false);
        if (vmin >= 14 && !r.str(&e.tableam))
            return done(false);
        OptString with_oids;
        if (!r.str(&e.owner) || !r.str(&with_oids))
            return done(false);
        for (;;) {
            OptString dep;
            if (!r.str(&dep))
                return done(false);
            if (!dep)
                break;
            char *end = nullptr;
            long d = std::strtol(dep->c_str(), &end, 10);
            if (dep->empty() || *end != '\0' || d <= 0 || d > 0x7fffffffL)
                return done(r.fail("invalid dependency \"" + *dep + "\" in TOC entry " +
                                   std::to_string(id)));
            e.deps.push_back(static_cast<int>(d));
        }
        OptString fname;
        if (!r.str(&fname))
            return done(false);
        e.filename = fname.value_or("");
        entries->push_back(std::move(e));
    }
    if (!r.at_end())
        return done(r.fail("trailing garbage after the last TOC entry"));
    return true;
}

} // namespace pd
