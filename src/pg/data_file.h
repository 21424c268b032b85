/*
 * One file of an archive's data, written as pg_restore reads it: plain, or
 * a sequence of gzip members of about kGzipMemberInput input bytes each.
 * Callers put bytes (or COPY-escaped values) and say where a row ends; a
 * member is cut at the first row end past kGzipMemberInput, except that a
 * row that would make it longer than kGzipMemberMaxInput is cut there and
 * goes on in continuation members (see gzip_member.h), so memory stays
 * bounded for values of any size.  The
 * file is created exclusively, never through a symbolic link, and fsynced
 * when finished.  Opened with OpenTransientFile, so an ERROR closes it.
 */
#pragma once

#include "manifest_hash.h"
#include "pg_includes.h"

struct libdeflate_compressor;

/* Where a sink sends full buffers instead of a file (pd_mirror: the target's COPY). */
typedef void (*PdDataSink)(void *arg, const char *data, size_t len);

typedef struct PdDataFile {
    int fd;
    PdDataSink sink; /* when set: no file, no compression, buffers go here */
    void *sink_arg;
    const char *path;
    struct libdeflate_compressor *gz; /* NULL when writing plain text */
    char *zbuf;
    size_t zcap;
    MemoryContext cxt;   /* the buffers' (the caller's at open), not the rows' */
    StringInfoData buf;  /* bytes of the member being collected */
    bool in_row;         /* buf begins inside a row an earlier member began */
    /*
     * A piece of a table's file (table_pieces.h), set after open: appended
     * into that file, which is fsynced and hashed then, so neither fsynced
     * nor hashed itself, and an empty piece stays empty (no empty gzip
     * member).
     */
    bool piece;
    /*
     * Set after open: finish only starts the file's write-back, and the
     * caller fsyncs it later with pd_data_file_sync (many small files, one
     * per large object, then reach the disk together instead of one
     * synchronous write-and-wait each).
     */
    bool sync_later;
    uint64 bytes;        /* written to the file so far */
    PdSha256 sha;        /* of those bytes, for the manifest (manifest_files.h) */
} PdDataFile;

/*
 * Creates path (O_EXCL, O_NOFOLLOW).  *created (if not NULL) is set once
 * the file exists, so that a failed dump removes only what it made.
 */
extern void pd_data_file_open(PdDataFile *f, const char *path, int compression, volatile bool *created);
/* The same encoder feeding sink(arg, ...) with pieces of about kGzipMemberInput bytes. */
extern void pd_data_file_open_sink(PdDataFile *f, PdDataSink sink, void *arg);
/* Appends bytes as they are. */
extern void pd_data_file_put(PdDataFile *f, const char *data, size_t len);
/* Appends one column value, COPY-escaped, a piece at a time. */
extern void pd_data_file_put_escaped(PdDataFile *f, const char *value, size_t len);
/*
 * A value was appended to f->buf in place (fast_output.h: at most a few
 * hundred kB, values stored out of line never go that way): a row grown past
 * the longest member goes on in the next one, as with escaped pieces.
 */
extern void pd_data_file_value_written(PdDataFile *f);
/* A row (or a blob's chunk) ends here: a member may end here. */
extern void pd_data_file_row_end(PdDataFile *f);
/* Writes what is left, fsyncs (see sync_later) and closes the file (a sink: sends what is left), frees the buffers, notes the file for the manifest. */
extern void pd_data_file_finish(PdDataFile *f);

/*
 * Appends the whole of file src to the end of file dst (both exist; dst was
 * written by pd_data_file_*), hashing the bytes into *sha (dst's hash so
 * far), and starts their write-back.  Returns the bytes appended.  (Read
 * and written by hand: the bytes must be hashed anyway, and reading them
 * back after copy_file_range cost more CPU: 0.35 + 0.20 s for 135 MB.)
 */
extern uint64 pd_data_file_append(const char *dst, const char *src, PdSha256 *sha);
/*
 * Hashes file path from offset to its end into *sha (begun by the caller)
 * and starts the write-back of those bytes, so that the fsync at the end
 * waits for little.  Returns the new end.  A split table's file is hashed
 * this way as its pieces join it, not read again once it is complete.
 */
extern uint64 pd_data_file_hash_from(const char *path, uint64 offset, PdSha256 *sha);
/* fsyncs an existing file of the archive. */
extern void pd_data_file_sync(const char *path);
