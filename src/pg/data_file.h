/*
 * One file of an archive's data, written as pg_restore reads it: plain, or
 * a sequence of gzip members.  Callers collect up to kGzipMemberInput bytes
 * in a StringInfo and hand them over; the file is fsynced when finished.
 * Opened with OpenTransientFile, so an ERROR closes it.
 */
#pragma once

#include "pg_includes.h"

struct libdeflate_compressor;

typedef struct PdDataFile {
    int fd;
    const char *path;
    struct libdeflate_compressor *gz; /* NULL when writing plain text */
    char *zbuf;
    size_t zcap;
    uint64 bytes;
} PdDataFile;

extern void pd_data_file_open(PdDataFile *f, const char *path, int compression);
/* Writes buf out (one gzip member when compressing) and empties it. */
extern void pd_data_file_flush(PdDataFile *f, StringInfo buf);
/* Flushes buf, fsyncs and closes the file. */
extern void pd_data_file_finish(PdDataFile *f, StringInfo buf);
