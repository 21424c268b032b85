#include "archive_reader.h"

#include <sys/stat.h>

#include "../pure/gzip_reader.h"
#include "cxx_guard.h"

namespace {

const off_t kMaxTocBytes = 1024L * 1024 * 1024;
const size_t kReadChunk = 256 * 1024;

} // namespace

char *pd_read_toc_file(const char *dir, size_t *len) {
    char *path = psprintf("%s/toc.dat", dir);
    struct stat st;
    if (stat(path, &st) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open input file \"%s\": %m", path)));
    if (!S_ISREG(st.st_mode) || st.st_size > kMaxTocBytes)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("\"%s\" is not a table of contents file", path)));
    FILE *f = AllocateFile(path, PG_BINARY_R);
    if (f == NULL)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open input file \"%s\": %m", path)));
    char *buf = (char *) palloc(st.st_size + 1);
    size_t n = fread(buf, 1, st.st_size, f);
    if (ferror(f))
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not read input file \"%s\": %m", path)));
    FreeFile(f);
    *len = n;
    return buf;
}

int64 pd_data_file_size(const char *dir, const char *name) {
    struct stat st;
    if (stat(psprintf("%s/%s", dir, name), &st) == 0)
        return st.st_size;
    if (stat(psprintf("%s/%s.gz", dir, name), &st) == 0)
        return st.st_size;
    return -1;
}

void pd_data_reader_open(PdDataReader *r, const char *dir, const char *name) {
    memset(r, 0, sizeof *r);
    r->path = psprintf("%s/%s", dir, name);
    r->file = AllocateFile(r->path, PG_BINARY_R);
    if (r->file == NULL && errno == ENOENT) {
        r->path = psprintf("%s/%s.gz", dir, name);
        r->file = AllocateFile(r->path, PG_BINARY_R);
        if (r->file != NULL) {
            pd::GzipReader *gz = nullptr;
            pd::cxx_call([&] { gz = new pd::GzipReader(); });
            r->gz = gz;
            r->in = (char *) palloc(kReadChunk);
        }
    }
    if (r->file == NULL)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open input file \"%s\": %m", r->path)));
}

size_t pd_data_reader_read(PdDataReader *r, char *out, size_t min, size_t max) {
    size_t got = 0;
    while (got < min || (got == 0 && max > 0)) {
        CHECK_FOR_INTERRUPTS();
        if (r->gz == nullptr) {
            size_t n = fread(out + got, 1, max - got, r->file);
            if (ferror(r->file))
                ereport(ERROR, (errcode_for_file_access(), errmsg("could not read input file \"%s\": %m", r->path)));
            got += n;
            if (n == 0)
                break; /* end of file */
            continue;
        }
        if (r->in_pos == r->in_len && !r->eof) {
            r->in_len = fread(r->in, 1, kReadChunk, r->file);
            r->in_pos = 0;
            if (ferror(r->file))
                ereport(ERROR, (errcode_for_file_access(), errmsg("could not read input file \"%s\": %m", r->path)));
            if (r->in_len == 0)
                r->eof = true;
        }
        size_t consumed = 0, produced = 0;
        bool ok = r->gz->inflate(r->in + r->in_pos, r->in_len - r->in_pos, r->eof, &consumed, out + got, max - got,
                                 &produced);
        if (!ok)
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED),
                            errmsg("could not uncompress data file \"%s\": %s", r->path, r->gz->error())));
        r->in_pos += consumed;
        got += produced;
        if (consumed == 0 && produced == 0 && r->eof) {
            if (!r->gz->at_member_end())
                ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED),
                                errmsg("could not uncompress data file \"%s\": unexpected end of file", r->path)));
            break;
        }
    }
    return got;
}

void pd_data_reader_close(PdDataReader *r) {
    if (r->file)
        FreeFile(r->file);
    r->file = NULL;
    delete r->gz;
    r->gz = nullptr;
}
