#include "archive_reader.h"

#include "../pure/entry_source.h"

#include <sys/stat.h>

#include "../pure/data_split.h"
#include "../pure/gzip_member.h"
#include "../pure/gzip_reader.h"
#include "../pure/toc_archive.h"
#include "cxx_guard.h"

namespace {

const off_t kMaxTocBytes = 1024L * 1024 * 1024;
const size_t kReadChunk = 256 * 1024;
const size_t kLookahead = 64 * 1024;

} // namespace

namespace {

void free_parsed_toc(void *arg) {
    PdArchiveToc *toc = (PdArchiveToc *) arg;
    pd::TocParser *parsed = toc->parsed;
    pd::TocEntry *current = toc->current;
    toc->parsed = nullptr;
    toc->current = nullptr;
    pd::cxx_call([&] {
        delete parsed;
        delete current;
    });
}

void toc_error_context(void *arg) { errcontext("reading the table of contents of archive \"%s\"", (const char *) arg); }

void text_error_context(void *arg) { errcontext("converting %s", (const char *) arg); }

/* Adds a CONTEXT line (fn's, about arg) to errors until error_context_stack is set back to cb->previous. */
void push_error_context(ErrorContextCallback *cb, void (*fn)(void *), const char *arg) {
    cb->callback = fn;
    cb->arg = (void *) arg;
    cb->previous = error_context_stack;
    error_context_stack = cb;
}

/* <dir>/toc.dat opened, with a parser that reads it; no entry read yet. */
PdArchiveToc *open_toc(const char *dir) {
    char *path = psprintf("%s/toc.dat", dir);
    FILE *f = AllocateFile(path, PG_BINARY_R);
    if (f == NULL)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open input file \"%s\": %m", path)));
    /* the size of the file opened, not of whatever the name pointed at before */
    struct stat st;
    if (fstat(fileno(f), &st) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not stat file \"%s\": %m", path)));
    if (!S_ISREG(st.st_mode) || st.st_size > kMaxTocBytes)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("\"%s\" is not a table of contents file", path),
                        S_ISREG(st.st_mode) ? errdetail("It has %lld bytes; at most %lld are accepted.",
                                                        (long long) st.st_size, (long long) kMaxTocBytes)
                                            : 0));
    PdArchiveToc *toc = (PdArchiveToc *) palloc0(sizeof(PdArchiveToc));
    toc->file = f;
    toc->dir = pstrdup(dir);
    toc->encoding = PG_SQL_ASCII;
    toc->cleanup.func = free_parsed_toc;
    toc->cleanup.arg = toc;
    MemoryContextRegisterResetCallback(CurrentMemoryContext, &toc->cleanup);
    pd::cxx_call([&] { toc->parsed = new pd::TocParser(f, (size_t) st.st_size); });
    pfree(path);
    return toc;
}

void toc_error(PdArchiveToc *toc, const char *error) {
    ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("could not read archive \"%s\": %s", toc->dir, error)));
}

void set_encoding(PdArchiveToc *toc, const char *encoding) {
    toc->encoding = pg_char_to_encoding(encoding);
    if (toc->encoding < 0 || !PG_VALID_ENCODING(toc->encoding))
        toc_error(toc, "unrecognized encoding in its ENCODING entry");
}

} // namespace

PdArchiveToc *pd_read_archive_toc(const char *dir, pd::StoredEntries *into) {
    PdArchiveToc *toc = open_toc(dir);
    ErrorContextCallback callback;
    push_error_context(&callback, toc_error_context, dir);
    char error[512] = "";
    char encoding[NAMEDATALEN] = "";
    bool found = false; /* an ENCODING entry (the first names it) */
    pd::cxx_call([&] {
        toc->parsed->compact = true;
        toc->parsed->sink = [into, &encoding, &found](pd::TocEntry &&e) {
            if (!found && e.desc == "ENCODING" && e.defn) {
                found = true;
                strlcpy(encoding, pd::encoding_entry_name(e).c_str(), sizeof encoding);
            }
            into->push_back(e);
        };
    });
    for (;;) {
        pd::TocParseStatus status = pd::TocParseStatus::error;
        /* the parser stops when an interrupt is pending; it is handled here, outside C++ (a store
         * that cannot take an entry throws: an ERROR from cxx_call) */
        pd::cxx_call([&] {
            status = toc->parsed->run(&InterruptPending);
            if (status == pd::TocParseStatus::error)
                strlcpy(error, toc->parsed->error().c_str(), sizeof error);
        });
        if (status != pd::TocParseStatus::interrupted)
            break;
        CHECK_FOR_INTERRUPTS();
    }
    /* the sink points into this frame */
    pd::cxx_call([&] { toc->parsed->sink = nullptr; });
    error_context_stack = callback.previous;
    if (error[0])
        toc_error(toc, error);
    if (encoding[0])
        set_encoding(toc, encoding);
    return toc;
}

PdArchiveToc *pd_open_archive_toc(const char *dir) {
    PdArchiveToc *toc = open_toc(dir);
    pd::cxx_call([&] { toc->current = new pd::TocEntry(); });
    return toc;
}

const pd::TocEntry *pd_next_archive_entry(PdArchiveToc *toc) {
    char error[512] = "";
    char encoding[NAMEDATALEN] = "";
    pd::TocParseStatus status = pd::TocParseStatus::error;
    pd::cxx_call([&] {
        status = toc->parsed->next(toc->current);
        if (status == pd::TocParseStatus::error)
            strlcpy(error, toc->parsed->error().c_str(), sizeof error);
        else if (status == pd::TocParseStatus::ok)
            strlcpy(encoding, pd::encoding_entry_name(*toc->current).c_str(), sizeof encoding);
    });
    if (error[0])
        toc_error(toc, error);
    if (encoding[0])
        set_encoding(toc, encoding);
    return status == pd::TocParseStatus::ok ? toc->current : NULL;
}

void pd_archive_run_entry(PdArchiveToc *toc, int run, int k, pd::TocEntry *out) {
    char error[512] = "";
    pd::cxx_call([&] {
        if (toc->parsed->run_entry(toc->parsed->runs.at((size_t) run), k, out) != pd::TocParseStatus::ok)
            strlcpy(error, toc->parsed->error().c_str(), sizeof error);
    });
    if (error[0])
        toc_error(toc, error);
}

void pd_free_archive_toc(PdArchiveToc *toc) {
    free_parsed_toc(toc);
    if (toc->file)
        FreeFile(toc->file);
    toc->file = NULL;
}

char *pd_archive_text_to_server(const char *s, size_t len, int archive_encoding, const char *what) {
    if (len >= MaxAllocSize)
        ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("%s is too long", what)));
    int server = GetDatabaseEncoding();
    /* the bytes must be valid where they come from, and (unconverted) where they go */
    int check = archive_encoding == PG_SQL_ASCII ? server : archive_encoding;
    /* PostgreSQL's own message, naming the bytes; the CONTEXT line names the place */
    ErrorContextCallback callback;
    push_error_context(&callback, text_error_context, what);
    (void) pg_verify_mbstr(check, s, (int) len, false);
    if (check == server || len == 0) {
        error_context_stack = callback.previous;
        return pnstrdup(s, len);
    }
    char *converted = pg_any_to_server(s, (int) len, archive_encoding);
    error_context_stack = callback.previous;
    return converted == s ? pnstrdup(s, len) : converted;
}

int64 pd_data_file_size(const char *dir, const char *name) {
    struct stat st;
    if (stat(psprintf("%s/%s", dir, name), &st) == 0)
        return st.st_size;
    if (stat(psprintf("%s/%s.gz", dir, name), &st) == 0)
        return st.st_size;
    return -1;
}

/* Owns a reader's decompressor (C++ heap memory) on behalf of its memory context. */
struct PdGzipOwner {
    pd::GzipReader *gz;
    MemoryContextCallback cleanup;
};

static void delete_gzip(void *arg) {
    PdGzipOwner *owner = (PdGzipOwner *) arg;
    pd::GzipReader *gz = owner->gz;
    owner->gz = nullptr;
    pd::cxx_call([&] { delete gz; });
}

void pd_data_reader_open(PdDataReader *r, const char *dir, const char *name) {
    memset(r, 0, sizeof *r);
    r->path = psprintf("%s/%s", dir, name);
    r->file = AllocateFile(r->path, PG_BINARY_R);
    if (r->file == NULL && errno == ENOENT) {
        r->path = psprintf("%s/%s.gz", dir, name);
        r->file = AllocateFile(r->path, PG_BINARY_R);
        if (r->file != NULL) {
            r->in = (char *) palloc(kReadChunk);
            /* registered first, so that the decompressor never outlives the context */
            r->gz_owner = (PdGzipOwner *) palloc0(sizeof(PdGzipOwner));
            r->gz_owner->cleanup.func = delete_gzip;
            r->gz_owner->cleanup.arg = r->gz_owner;
            MemoryContextRegisterResetCallback(CurrentMemoryContext, &r->gz_owner->cleanup);
            pd::GzipReader *gz = nullptr;
            pd::cxx_call([&] { gz = new pd::GzipReader(); });
            r->gz = r->gz_owner->gz = gz;
        }
    }
    if (r->file == NULL)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open input file \"%s\": %m", r->path)));
}

int64 pd_plain_data_file_size(const char *dir, const char *name) {
    struct stat st;
    if (stat(psprintf("%s/%s", dir, name), &st) == 0 && S_ISREG(st.st_mode))
        return st.st_size;
    return -1;
}

int64 *pd_data_member_starts(const char *dir, const char *name, int *count, int64 *file_size,
                             int64 **raw_sizes) {
    char *path = psprintf("%s/%s.gz", dir, name);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t) pd::kGzipHeaderSize)
        return NULL;
    int fd = OpenTransientFile(path, O_RDONLY | PG_BINARY);
    if (fd < 0)
        return NULL;
    /*
     * No more members than the file has room for, and at most a million
     * (about 1 TB of rows): beyond, or for a forged file of tiny members,
     * the file is simply not split.
     */
    int64 capacity = Min(st.st_size / (int64) pd::kGzipHeaderSize + 1, (int64) 1024 * 1024);
    int64 allocated = Min(capacity, (int64) 1024);
    int64 *starts = (int64 *) palloc(sizeof(int64) * allocated);
    int64 *raw = (int64 *) palloc(sizeof(int64) * allocated);
    int n = 0;
    int64 off = 0;
    bool ok = true;
    while (off < st.st_size) {
        CHECK_FOR_INTERRUPTS();
        unsigned char header[pd::kGzipHeaderSize], isize[pd::kGzipIsizeBytes];
        uint64_t size = 0;
        bool continuation = false; /* goes on with the row the member before began: no piece starts here */
        if (pg_pread(fd, header, sizeof header, off) == (ssize_t) sizeof header) {
            size = pd::gzip_member_size(header, sizeof header);
            if (size == 0 && n > 0) {
                size = pd::gzip_continuation_size(header, sizeof header);
                continuation = size != 0;
            }
        }
        if (size == 0 || (int64) size > st.st_size - off || n >= capacity ||
            pg_pread(fd, isize, sizeof isize, off + (int64) size - (int64) sizeof isize) != (ssize_t) sizeof isize) {
            ok = false;
            break;
        }
        if (continuation) {
            raw[n - 1] += pd::gzip_trailer_isize(isize);
            off += (int64) size;
            continue;
        }
        if (n == allocated) {
            allocated = Min(allocated * 2, capacity);
            starts = (int64 *) repalloc(starts, sizeof(int64) * allocated);
            raw = (int64 *) repalloc(raw, sizeof(int64) * allocated);
        }
        starts[n] = off;
        raw[n++] = pd::gzip_trailer_isize(isize);
        off += (int64) size;
    }
    CloseTransientFile(fd);
    if (!ok || n == 0) {
        pfree(starts);
        pfree(raw);
        return NULL;
    }
    *count = n;
    *file_size = st.st_size;
    if (raw_sizes)
        *raw_sizes = raw;
    else
        pfree(raw);
    return starts;
}

int64 pd_data_file_raw_size(const char *dir, const char *name) {
    int64 plain = pd_plain_data_file_size(dir, name);
    if (plain >= 0)
        return plain;
    int count = 0;
    int64 file_size = 0, *raw = NULL;
    int64 *starts = pd_data_member_starts(dir, name, &count, &file_size, &raw);
    if (starts) {
        int64 total = 0;
        for (int i = 0; i < count; i++)
            total += raw[i];
        pfree(starts);
        pfree(raw);
        return total;
    }
    /* one gzip stream (pg_dump): its trailer's size modulo 4 GB, at least the file's size */
    return pd_data_stream_size_hint(dir, name);
}

int64 pd_data_stream_size_hint(const char *dir, const char *name) {
    char *path = psprintf("%s/%s.gz", dir, name);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    int64 size = st.st_size;
    if (size < (int64) pd::kGzipIsizeBytes)
        return size;
    int fd = OpenTransientFile(path, O_RDONLY | PG_BINARY);
    if (fd < 0)
        return size;
    unsigned char isize[pd::kGzipIsizeBytes];
    int64 raw_size = size;
    if (pg_pread(fd, isize, sizeof isize, size - (int64) sizeof isize) == (ssize_t) sizeof isize)
        pd::cxx_call([&] { raw_size = pd::stream_size_hint(pd::gzip_trailer_isize(isize), size); });
    CloseTransientFile(fd);
    pfree(path);
    return raw_size;
}

void pd_data_reader_open_range(PdDataReader *r, const char *dir, const char *name, int64 start, int64 end) {
    pd_data_reader_open(r, dir, name);
    r->ranged = true;
    r->end = end;
    if (start < 0 || end <= start)
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("invalid piece of data file \"%s\"", r->path)));
    if (r->gz) {
        if (fseeko(r->file, (off_t) start, SEEK_SET) != 0)
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not seek in file \"%s\": %m", r->path)));
        r->pos = start;
        return;
    }
    /* a plain piece begins with the first row that begins inside it */
    int c = '\n';
    if (start > 0) {
        if (fseeko(r->file, (off_t) (start - 1), SEEK_SET) != 0)
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not seek in file \"%s\": %m", r->path)));
        c = getc(r->file);
    }
    r->pos = start;
    while (c != '\n' && c != EOF) {
        c = getc(r->file);
        r->pos++;
    }
    if (ferror(r->file))
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not read input file \"%s\": %m", r->path)));
    if (c == EOF || r->pos >= end)
        r->done = true;
}

void pd_data_reader_open_lines(PdDataReader *r, const char *dir, const char *name, int64 start, int64 end) {
    if (start < 0 || end <= start)
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("invalid piece of data file \"%s/%s\"", dir, name)));
    pd_data_reader_open(r, dir, name);
    r->lines = true;
    pd::cxx_call([&] { pd::line_window_init(&r->window, start, end); });
}

/* A plain file, or a piece of one: up to max bytes. */
static size_t read_plain(PdDataReader *r, char *out, size_t max) {
    if (r->done)
        return 0;
    size_t want = max;
    if (r->ranged && !r->row_tail)
        want = (size_t) Min((int64) want, r->end - r->pos);
    size_t n = fread(out, 1, want, r->file);
    if (ferror(r->file))
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not read input file \"%s\": %m", r->path)));
    if (!r->ranged)
        return n;
    if (n == 0) {
        r->done = true;
        return 0;
    }
    if (r->row_tail) {
        /* past the end: only the rest of the row that began before it */
        char *nl = (char *) memchr(out, '\n', n);
        if (nl) {
            n = (size_t) (nl - out) + 1;
            r->done = true;
        }
    } else if (r->pos + (int64) n == r->end) {
        if (out[n - 1] == '\n')
            r->done = true;
        else
            r->row_tail = true;
    }
    r->pos += (int64) n;
    return n;
}

static size_t read_bytes(PdDataReader *r, char *out, size_t min, size_t max);

size_t pd_data_reader_read(PdDataReader *r, char *out, size_t min, size_t max) {
    if (!r->lines)
        return read_bytes(r, out, min, max);
    /* only the lines of the window: the bytes before it are read and dropped */
    size_t got = 0;
    while ((got < min || got == 0) && got < max && !r->window.done) {
        size_t n = read_bytes(r, out + got, 1, max - got);
        if (n == 0)
            break;
        size_t from = 0, to = 0;
        pd::cxx_call([&] { pd::line_window_take(&r->window, out + got, n, &from, &to); });
        if (from > 0 && to > from)
            memmove(out + got, out + got + from, to - from);
        got += to - from;
    }
    return got;
}

/* The file's bytes (plain or inflated), or a piece's of pd_data_reader_open_range. */
static size_t read_bytes(PdDataReader *r, char *out, size_t min, size_t max) {
    size_t got = 0;
    while (got < min || (got == 0 && max > 0)) {
        CHECK_FOR_INTERRUPTS();
        if (r->gz == nullptr) {
            size_t n = read_plain(r, out + got, max - got);
            got += n;
            if (n == 0)
                break; /* end of file or piece */
            continue;
        }
        if (r->in_pos == r->in_len && !r->eof) {
            size_t chunk = kReadChunk;
            if (r->ranged)
                chunk = (size_t) Min((int64) chunk, r->end - r->pos);
            r->in_len = chunk == 0 ? 0 : fread(r->in, 1, chunk, r->file);
            r->pos += (int64) r->in_len;
            r->in_pos = 0;
            if (ferror(r->file))
                ereport(ERROR, (errcode_for_file_access(), errmsg("could not read input file \"%s\": %m", r->path)));
            if (r->in_len == 0)
                r->eof = true;
        }
        size_t consumed = 0, produced = 0;
        bool ok = false, member_end = false;
        char message[256] = "";
        pd::cxx_call([&] {
            ok = r->gz->inflate(r->in + r->in_pos, r->in_len - r->in_pos, r->eof, &consumed, out + got, max - got,
                                &produced);
            member_end = r->gz->at_member_end();
            if (!ok)
                strlcpy(message, r->gz->error(), sizeof message);
        });
        if (!ok)
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED),
                            errmsg("could not uncompress data file \"%s\": %s", r->path, message)));
        r->in_pos += consumed;
        got += produced;
        if (consumed == 0 && produced == 0 && r->eof) {
            if (!member_end)
                ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED),
                                errmsg("could not uncompress data file \"%s\": unexpected end of file", r->path)));
            break;
        }
    }
    return got;
}

bool pd_data_reader_line(PdDataReader *r, char *buf, size_t cap) {
    size_t n = 0;
    bool any = false;
    for (;;) {
        if (r->look_pos == r->look_len) {
            if (r->look == NULL)
                r->look = (char *) palloc(kLookahead);
            r->look_len = pd_data_reader_read(r, r->look, 1, kLookahead);
            r->look_pos = 0;
            if (r->look_len == 0)
                break;
        }
        const char *start = r->look + r->look_pos;
        size_t avail = r->look_len - r->look_pos;
        const char *nl = (const char *) memchr(start, '\n', avail);
        size_t take = nl ? (size_t) (nl - start) : avail;
        if (take >= cap - n)
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED),
                            errmsg("line too long in file \"%s\"", r->path),
                            errdetail("Lines of this file have at most %zu bytes.", cap - 1)));
        if (memchr(start, '\0', take) != NULL)
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("NUL byte in file \"%s\"", r->path)));
        memcpy(buf + n, start, take);
        n += take;
        any = true;
        r->look_pos += take + (nl ? 1 : 0);
        if (nl)
            break;
    }
    buf[n] = '\0';
    return any;
}

void pd_data_reader_close(PdDataReader *r) {
    if (r->file)
        FreeFile(r->file);
    r->file = NULL;
    /* the owner stays (its callback is registered) but owns nothing any more */
    if (r->gz_owner)
        delete_gzip(r->gz_owner);
    r->gz_owner = NULL;
    r->gz = nullptr;
    if (r->in)
        pfree(r->in);
    if (r->look)
        pfree(r->look);
    if (r->path)
        pfree(r->path);
    r->in = r->look = r->path = NULL;
}
