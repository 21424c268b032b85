/*
 * Reading an archive from the server's disk, as untrusted input: toc.dat
 * with a size limit, data files plain or gzip, only names pg_dump writes.
 */
#pragma once

#include "pg_includes.h"

namespace pd {
class GzipReader;
}

/* The bytes of <dir>/toc.dat (at most 1 GB). */
extern char *pd_read_toc_file(const char *dir, size_t *len);

/* Size on disk of <dir>/<name> or <dir>/<name>.gz; -1 when neither exists. */
extern int64 pd_data_file_size(const char *dir, const char *name);

/* A data file opened for reading: <dir>/<name>, else <dir>/<name>.gz (gunzipped). */
typedef struct PdDataReader {
    FILE *file;
    char *path;
    pd::GzipReader *gz; /* NULL for a plain file */
    char *in;
    size_t in_pos;
    size_t in_len;
    bool eof;
} PdDataReader;

extern void pd_data_reader_open(PdDataReader *r, const char *dir, const char *name);
/* Reads up to max bytes (at least min unless the file ends); returns the count. */
extern size_t pd_data_reader_read(PdDataReader *r, char *out, size_t min, size_t max);
extern void pd_data_reader_close(PdDataReader *r);
