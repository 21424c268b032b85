/* The in-memory text store and the encoding of a TOC entry in a store (text_store.h). */
#include "text_store.h"

#include <cstring>
#include <limits>
#include <stdexcept>

#include "no_postgres.h"

namespace pd {

uint64_t MemoryTextStore::append(const char *data, size_t len) {
    uint64_t at = bytes_.size();
    bytes_.append(data, len);
    return at;
}

void MemoryTextStore::read(uint64_t offset, char *out, size_t len) {
    if (offset > bytes_.size() || len > bytes_.size() - offset)
        throw std::logic_error("read beyond the end of a text store");
    std::memcpy(out, bytes_.data() + offset, len);
}

namespace {

constexpr uint32_t kNull = std::numeric_limits<uint32_t>::max();

void put_u32(std::string &out, uint32_t v) {
    for (int i = 0; i < 4; i++)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_text(std::string &out, const std::string &s) {
    if (s.size() >= kNull)
        throw std::length_error("TOC entry text too long");
    put_u32(out, static_cast<uint32_t>(s.size()));
    out.append(s);
}

void put_opt(std::string &out, const OptString &s) {
    if (s)
        put_text(out, *s);
    else
        put_u32(out, kNull);
}

/* Reads fields from bytes[0, len); incomplete is set (and nothing more read) when they run out. */
struct Reader {
    const char *bytes;
    size_t len;
    size_t pos = 0;
    bool incomplete = false;

    uint32_t u32() {
        if (len - pos < 4) {
            incomplete = true;
            pos = len;
            return 0;
        }
        uint32_t v = 0;
        for (int i = 0; i < 4; i++)
            v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[pos++])) << (8 * i);
        return v;
    }
    OptString opt() {
        uint32_t n = u32();
        if (incomplete || n == kNull)
            return std::nullopt;
        if (len - pos < n) {
            incomplete = true;
            pos = len;
            return std::nullopt;
        }
        pos += n;
        return std::string(bytes + pos - n, n);
    }
    std::string text() {
        OptString s = opt();
        if (!s && !incomplete)
            throw std::runtime_error("damaged TOC entry in the text store");
        return s ? std::move(*s) : std::string();
    }
};

} // namespace

StoredEntry store_entry(TextStore *store, const TocEntry &e) {
    std::string out;
    out.push_back(e.had_dumper ? 1 : 0);
    out.push_back(static_cast<char>(e.section));
    for (const std::string *s : {&e.tableoid, &e.oid, &e.tag, &e.desc, &e.filename})
        put_text(out, *s);
    for (const OptString *s : {&e.defn, &e.drop_stmt, &e.copy_stmt, &e.nspace, &e.tablespace, &e.tableam, &e.owner})
        put_opt(out, *s);
    if (out.size() >= kNull)
        throw std::length_error("TOC entry too long");
    StoredEntry where;
    where.length = static_cast<uint32_t>(out.size());
    where.offset = store->append(out.data(), out.size());
    return where;
}

size_t decode_entry(const char *bytes, size_t len, TocEntry *e) {
    if (len < 2)
        return 0;
    *e = TocEntry();
    e->had_dumper = bytes[0] != 0;
    e->section = static_cast<unsigned char>(bytes[1]);
    Reader r{bytes, len, 2};
    for (std::string *s : {&e->tableoid, &e->oid, &e->tag, &e->desc, &e->filename})
        *s = r.text();
    for (OptString *s : {&e->defn, &e->drop_stmt, &e->copy_stmt, &e->nspace, &e->tablespace, &e->tableam, &e->owner})
        *s = r.opt();
    return r.incomplete ? 0 : r.pos;
}

TocEntry load_entry(TextStore *store, const StoredEntry &where) {
    std::string bytes(where.length, '\0');
    store->read(where.offset, &bytes[0], where.length);
    TocEntry e;
    if (decode_entry(bytes.data(), bytes.size(), &e) != bytes.size())
        throw std::runtime_error("damaged TOC entry in the text store");
    return e;
}

} // namespace pd
