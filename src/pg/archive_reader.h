/*
 * Reading an archive from the server's disk, as untrusted input: toc.dat
 * with a size limit, data files plain or gzip, only names pg_dump writes.
 */
#pragma once

#include "../pure/line_window.h"
#include "pg_includes.h"

namespace pd {
class GzipReader;
class TocParser;
}

namespace pd {
struct TocEntry;
struct TocRun;
class StoredEntries;
}

/*
 * An archive's table of contents: <dir>/toc.dat (at most 1 GB), opened and
 * parsed as it is read, within the parser's memory limits (toc_archive.h),
 * answering cancel.  The parser and what it keeps live in C++ memory that is
 * freed when the memory context current at the call is reset or deleted (an
 * ERROR included), or by pd_free_archive_toc, which also closes the file
 * (an ERROR's transaction abort closes it otherwise).  A damaged TOC is an
 * ERROR naming the directory.
 */
typedef struct PdArchiveToc {
    pd::TocParser *parsed;
    pd::TocEntry *current; /* pd_next_archive_entry's */
    FILE *file;
    const char *dir;
    int encoding; /* what the ENCODING entry names; PG_SQL_ASCII when none, as pg_restore */
    MemoryContextCallback cleanup;
} PdArchiveToc;

/*
 * Parses the whole TOC, compact: large objects' metadata entries before the
 * data go to parsed->runs (read again with pd_archive_run_entry), every other
 * entry to into as it is parsed, none kept in parsed->entries: memory stays
 * flat however many entries.
 */
extern PdArchiveToc *pd_read_archive_toc(const char *dir, pd::StoredEntries *into);
/*
 * Opens the TOC to be read one entry at a time with pd_next_archive_entry
 * (nothing kept: memory stays flat however many entries); encoding is only
 * known once an ENCODING entry has been read (pg_dump writes it first).
 */
extern PdArchiveToc *pd_open_archive_toc(const char *dir);
/* The next entry (valid until the next call), or NULL after the last. */
extern const pd::TocEntry *pd_next_archive_entry(PdArchiveToc *toc);
/* Reads entry k of parsed->runs[run] into *out; entries of a run are read in order, from 0. */
extern void pd_archive_run_entry(PdArchiveToc *toc, int run, int k, pd::TocEntry *out);
extern void pd_free_archive_toc(PdArchiveToc *toc);

/*
 * Text of an archive (encoding archive_encoding) as a palloc'd, NUL-ended
 * string in the server's encoding.  It is verified even when the encodings
 * are equal; an invalid byte sequence (a NUL byte included) is PostgreSQL's
 * own ERROR, with a CONTEXT line naming what, e.g. "the tag of TOC entry 42".
 */
extern char *pd_archive_text_to_server(const char *s, size_t len, int archive_encoding, const char *what);

/* Size on disk of <dir>/<name> or <dir>/<name>.gz; -1 when neither exists. */
extern int64 pd_data_file_size(const char *dir, const char *name);

/* A data file opened for reading: <dir>/<name>, else <dir>/<name>.gz (gunzipped). */
typedef struct PdDataReader {
    FILE *file;
    char *path;
    pd::GzipReader *gz; /* NULL for a plain file */
    struct PdGzipOwner *gz_owner; /* deletes gz if the reader's memory context goes first */
    char *in;
    size_t in_pos;
    size_t in_len;
    bool eof;
    /* reading a piece of the file (see pd_data_reader_open_range) */
    bool ranged;
    int64 pos;        /* file offset of the next byte read */
    int64 end;        /* the piece's end */
    bool row_tail;    /* plain: past the end, finishing the row that crosses it */
    bool done;
    /* reading the lines that begin in a range of uncompressed offsets (pd_data_reader_open_lines) */
    bool lines;
    pd::LineWindow window;
    /* pd_data_reader_line's lookahead */
    char *look;
    size_t look_pos;
    size_t look_len;
} PdDataReader;

extern void pd_data_reader_open(PdDataReader *r, const char *dir, const char *name);
/*
 * Opens the piece [start, end) of a data file (see data_split.h): for a gzip
 * file, whole members that must end exactly at end; for a plain file, the
 * rows that begin inside the piece.
 */
extern void pd_data_reader_open_range(PdDataReader *r, const char *dir, const char *name, int64 start, int64 end);
/*
 * Opens the lines of a data file that begin at uncompressed offsets in
 * [start, end) (end pd::kToEnd: to the end of the file): the file is read
 * (inflated) from its start and what comes before is dropped; reading stops
 * at the first line beginning at or after end (see line_window.h).  For a
 * piece of a one-stream gzip file (data_split.h: split_stream_file).
 */
extern void pd_data_reader_open_lines(PdDataReader *r, const char *dir, const char *name, int64 start, int64 end);
/*
 * Uncompressed size of the one-stream file <dir>/<name>.gz for planning,
 * from its trailer (pd::stream_size_hint); -1 when there is no such file.
 */
extern int64 pd_data_stream_size_hint(const char *dir, const char *name);
/*
 * The offsets of the gzip members of <dir>/<name>.gz, when each member's
 * header announces its size (pd_dump's files); NULL otherwise (pg_dump's
 * files, plain files, a damaged header).  *count members, *file_size bytes,
 * and *raw_sizes (when not NULL) each member's uncompressed size as its
 * trailer gives it.
 */
extern int64 *pd_data_member_starts(const char *dir, const char *name, int *count, int64 *file_size,
                                    int64 **raw_sizes);
/*
 * Uncompressed size of a data file, for scheduling: exact for plain files
 * and pd_dump's gzip files, an estimate for pg_dump's; -1 when missing.
 */
extern int64 pd_data_file_raw_size(const char *dir, const char *name);
/* Size of <dir>/<name> when it exists uncompressed, else -1. */
extern int64 pd_plain_data_file_size(const char *dir, const char *name);
/* Reads up to max bytes (at least min unless the file ends); returns the count. */
extern size_t pd_data_reader_read(PdDataReader *r, char *out, size_t min, size_t max);
/*
 * Reads one line (without its newline) into buf (cap bytes, NUL-ended);
 * false at the end of the file.  A line of cap bytes or more, or a NUL byte,
 * is an ERROR naming the file: lines of files such as blobs.toc stay bounded.
 */
extern bool pd_data_reader_line(PdDataReader *r, char *buf, size_t cap);
/* Closes the file and frees the reader's buffers and decompressor. */
extern void pd_data_reader_close(PdDataReader *r);
