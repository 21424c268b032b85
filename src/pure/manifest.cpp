#include "manifest.h"

#include <cstdio>
#include <functional>

#include "no_postgres.h"

namespace pd {

namespace {

std::string json_string(const std::string &s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back((char) c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out.append(buf);
        } else {
            out.push_back((char) c);
        }
    }
    out.push_back('"');
    return out;
}

/* A small JSON reader for the manifest's shape: scalars are kept as their text. */
struct Value {
    enum Kind { STRING, NUMBER, LITERAL, OBJECT, ARRAY } kind = LITERAL;
    std::string text;
    std::vector<std::pair<std::string, Value>> members;
    std::vector<Value> items;
};

constexpr int kMaxDepth = 3; /* top object, Files array, a file's object */

/*
 * Items of the top-level arrays (each file, each WAL range) go to the sink
 * as they are parsed and are not kept; the memory the values being held
 * take is charged against a budget proportional to the input.
 */
using Sink = std::function<bool(const std::string &key, Value &&item, size_t *kept_bytes)>;

class Reader {
  public:
    Reader(const char *b, size_t n, Sink sink)
        : b_(b), n_(n), sink_(std::move(sink)), budget_(kManifestMemoryPerByte * n + kManifestMemorySlack) {}
    bool document(Value *v) {
        if (!value(v, 0))
            return false;
        space();
        if (p_ != n_)
            return fail("garbage after the manifest's object");
        return true;
    }
    std::string error;

  private:
    bool fail(const char *m) {
        if (error.empty())
            error = m;
        return false;
    }
    bool charge(size_t bytes) {
        live_ += bytes;
        return live_ <= budget_ || fail("the manifest needs more memory than its size allows");
    }
    void space() {
        while (p_ < n_ && (b_[p_] == ' ' || b_[p_] == '\t' || b_[p_] == '\n' || b_[p_] == '\r'))
            p_++;
    }
    static int hexval(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    void utf8(unsigned cp, std::string *out) {
        if (cp < 0x80) {
            out->push_back((char) cp);
        } else if (cp < 0x800) {
            out->push_back((char) (0xC0 | (cp >> 6)));
            out->push_back((char) (0x80 | (cp & 0x3F)));
        } else {
            out->push_back((char) (0xE0 | (cp >> 12)));
            out->push_back((char) (0x80 | ((cp >> 6) & 0x3F)));
            out->push_back((char) (0x80 | (cp & 0x3F)));
        }
    }
    bool string(std::string *out) {
        p_++; /* the opening quote */
        while (p_ < n_) {
            char c = b_[p_++];
            if (c == '"')
                return true;
            if ((unsigned char) c < 0x20)
                return fail("control character in a string");
            if (c != '\\') {
                out->push_back(c);
                continue;
            }
            if (p_ >= n_)
                break;
            char e = b_[p_++];
            switch (e) {
            case '"': case '\\': case '/': out->push_back(e); break;
            case 'b': out->push_back('\b'); break;
            case 'f': out->push_back('\f'); break;
            case 'n': out->push_back('\n'); break;
            case 'r': out->push_back('\r'); break;
            case 't': out->push_back('\t'); break;
            case 'u': {
                if (n_ - p_ < 4)
                    return fail("unfinished \\u escape");
                unsigned cp = 0;
                for (int i = 0; i < 4; i++) {
                    int h = hexval(b_[p_++]);
                    if (h < 0)
                        return fail("invalid \\u escape");
                    cp = cp * 16 + (unsigned) h;
                }
                if (cp == 0)
                    return fail("\\u0000 in a string");
                utf8(cp, out);
                break;
            }
            default: return fail("invalid escape in a string");
            }
        }
        return fail("unterminated string");
    }
    bool value(Value *v, int depth) {
        space();
        if (p_ >= n_)
            return fail("manifest ended unexpectedly");
        char c = b_[p_];
        if (c == '"') {
            v->kind = Value::STRING;
            return string(&v->text) && charge(v->text.size());
        }
        if (c == '{' || c == '[') {
            if (depth >= kMaxDepth)
                return fail("nested too deeply");
            p_++;
            bool object = c == '{';
            v->kind = object ? Value::OBJECT : Value::ARRAY;
            space();
            if (p_ < n_ && b_[p_] == (object ? '}' : ']')) {
                p_++;
                return true;
            }
            for (;;) {
                if (object) {
                    space();
                    if (p_ >= n_ || b_[p_] != '"')
                        return fail("expected a field name");
                    std::string key;
                    if (!string(&key))
                        return false;
                    space();
                    if (p_ >= n_ || b_[p_] != ':')
                        return fail("expected \":\"");
                    p_++;
                    if (!charge(sizeof(std::pair<std::string, Value>) + key.size()))
                        return false;
                    if (depth == 0)
                        key_ = key;
                    v->members.emplace_back(std::move(key), Value());
                    if (!value(&v->members.back().second, depth + 1))
                        return false;
                } else if (depth == 1) {
                    /* an item of a top-level array: handed over, then only what the sink keeps is counted */
                    size_t before = live_;
                    Value item;
                    if (!charge(sizeof(Value)) || !value(&item, depth + 1))
                        return false;
                    size_t kept = 0;
                    if (!sink_(key_, std::move(item), &kept))
                        return false;
                    live_ = before;
                    if (!charge(kept))
                        return false;
                } else {
                    if (!charge(sizeof(Value)))
                        return false;
                    v->items.emplace_back();
                    if (!value(&v->items.back(), depth + 1))
                        return false;
                }
                space();
                if (p_ >= n_)
                    return fail("manifest ended unexpectedly");
                if (b_[p_] == ',') {
                    p_++;
                    continue;
                }
                if (b_[p_] == (object ? '}' : ']')) {
                    p_++;
                    return true;
                }
                return fail(object ? "expected \",\" or \"}\"" : "expected \",\" or \"]\"");
            }
        }
        size_t start = p_;
        while (p_ < n_ && ((b_[p_] >= '0' && b_[p_] <= '9') || b_[p_] == '-' || b_[p_] == '+' || b_[p_] == '.' ||
                           b_[p_] == 'e' || b_[p_] == 'E' || (b_[p_] >= 'a' && b_[p_] <= 'z')))
            p_++;
        if (p_ == start)
            return fail("unexpected character");
        v->text.assign(b_ + start, p_ - start);
        if (!charge(v->text.size()))
            return false;
        v->kind = (c >= '0' && c <= '9') || c == '-' ? Value::NUMBER : Value::LITERAL;
        if (v->kind == Value::LITERAL && v->text != "true" && v->text != "false" && v->text != "null")
            return fail("unexpected word");
        return true;
    }
    const char *b_;
    size_t n_;
    size_t p_ = 0;
    Sink sink_;
    std::string key_; /* the top-level field being read */
    size_t budget_;
    size_t live_ = 0;
};

bool is_hex(const std::string &s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    return s.size() % 2 == 0;
}

bool unsigned_integer(const std::string &s, uint64_t *out) {
    if (s.empty() || s.size() > 19)
        return false;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (uint64_t) (c - '0');
    }
    *out = v;
    return true;
}

bool read_file(const Value &obj, ManifestFile *f, std::string *error) {
    if (obj.kind != Value::OBJECT)
        return *error = "a file is not an object", false;
    bool have_path = false, have_size = false;
    for (const auto &m : obj.members) {
        const std::string &k = m.first;
        const Value &v = m.second;
        bool scalar = v.kind == Value::STRING || v.kind == Value::NUMBER;
        if (!scalar)
            return *error = "unexpected value of file field \"" + k + "\"", false;
        if (k == "Path") {
            if (have_path)
                return *error = "both path name and encoded path name", false;
            f->path = v.text;
            have_path = true;
        } else if (k == "Encoded-Path") {
            if (have_path)
                return *error = "both path name and encoded path name", false;
            if (!is_hex(v.text))
                return *error = "could not decode file name", false;
            f->path.clear();
            for (size_t i = 0; i < v.text.size(); i += 2)
                f->path.push_back((char) std::stoi(v.text.substr(i, 2), nullptr, 16));
            have_path = true;
        } else if (k == "Size") {
            if (!unsigned_integer(v.text, &f->size))
                return *error = "file size is not an integer", false;
            have_size = true;
        } else if (k == "Last-Modified") {
            f->last_modified = v.text;
        } else if (k == "Checksum-Algorithm") {
            f->algorithm = v.text;
        } else if (k == "Checksum") {
            if (!is_hex(v.text))
                return *error = "invalid checksum for file \"" + f->path + "\"", false;
            f->checksum = v.text;
        } else {
            return *error = "unexpected file field", false;
        }
    }
    if (!have_path)
        return *error = "missing path name", false;
    if (!have_size)
        return *error = "missing size", false;
    if (f->algorithm.empty() && !f->checksum.empty())
        return *error = "checksum without algorithm", false;
    for (char &c : f->checksum)
        if (c >= 'A' && c <= 'F')
            c = (char) (c - 'A' + 'a');
    return true;
}

} // namespace

std::string hex_string(const unsigned char *bytes, size_t len) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (size_t i = 0; i < len; i++) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 15]);
    }
    return out;
}

std::string manifest_start() { return "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": ["; }

std::string manifest_file_entry(const ManifestFile &f, bool first) {
    std::string out = first ? "\n" : ",\n";
    out += "{ \"Path\": " + json_string(f.path) + ", \"Size\": " + std::to_string(f.size) +
           ", \"Last-Modified\": " + json_string(f.last_modified);
    if (!f.algorithm.empty())
        out += ", \"Checksum-Algorithm\": " + json_string(f.algorithm) + ", \"Checksum\": " + json_string(f.checksum);
    out += " }";
    return out;
}

std::string manifest_files_end() { return "\n],\n"; }

std::string manifest_checksum_line(const std::string &hex_sha256) {
    return "\"Manifest-Checksum\": \"" + hex_sha256 + "\"}\n";
}

bool parse_manifest(const char *bytes, size_t len, Manifest *out, std::string *error) {
    /* the checksum covers everything up to the line before the last, as pg_verifybackup reads it */
    size_t newlines = 0, last = 0, before_last = 0;
    for (size_t i = 0; i < len; i++)
        if (bytes[i] == '\n') {
            newlines++;
            before_last = last;
            last = i;
        }
    if (newlines < 2)
        return *error = "expected at least 2 lines", false;
    if (last != len - 1)
        return *error = "last line not newline-terminated", false;
    Value doc;
    std::string item_error;
    Reader r(bytes, len, [&](const std::string &key, Value &&item, size_t *kept) {
        if (key != "Files")
            return true; /* WAL-Ranges: pd_dump writes none, pg_verifybackup -n does not read them */
        ManifestFile f;
        if (!read_file(item, &f, &item_error))
            return false;
        *kept = sizeof(ManifestFile) + f.path.size() + f.last_modified.size() + f.algorithm.size() +
                f.checksum.size();
        out->files.push_back(std::move(f));
        return true;
    });
    if (!r.document(&doc))
        return *error = item_error.empty() ? r.error : item_error, false;
    if (doc.kind != Value::OBJECT)
        return *error = "the manifest is not an object", false;
    if (doc.members.empty() || doc.members[0].first != "PostgreSQL-Backup-Manifest-Version")
        return *error = "expected version indicator", false;
    if (doc.members[0].second.text != "1")
        return *error = "unexpected manifest version", false;
    bool have_checksum = false;
    for (size_t i = 1; i < doc.members.size(); i++) {
        const std::string &k = doc.members[i].first;
        Value &v = doc.members[i].second;
        if (k == "Files") {
            if (v.kind != Value::ARRAY)
                return *error = "Files is not an array", false;
        } else if (k == "WAL-Ranges") {
            if (v.kind != Value::ARRAY)
                return *error = "WAL-Ranges is not an array", false;
        } else if (k == "Manifest-Checksum") {
            if (v.kind != Value::STRING)
                return *error = "unexpected scalar", false;
            if (v.text.size() != 2 * kSha256Length || !is_hex(v.text))
                return *error = "invalid manifest checksum: \"" + v.text + "\"", false;
            out->checksum = v.text;
            for (char &c : out->checksum)
                if (c >= 'A' && c <= 'F')
                    c = (char) (c - 'A' + 'a');
            have_checksum = true;
            if (i + 1 != doc.members.size())
                return *error = "fields after the manifest checksum", false;
        } else {
            return *error = "unrecognized top-level field", false;
        }
    }
    if (!have_checksum)
        return *error = "manifest has no checksum", false;
    out->covered = before_last + 1;
    return true;
}

} // namespace pd
