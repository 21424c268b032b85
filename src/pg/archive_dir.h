/*
 * The archive directory on the server's disk: created like pg_dump -Fd
 * creates it (or an existing empty one that only the server's OS user may
 * write), claimed by one dump, toc.dat written last and durably, and on
 * failure only the files this dump made removed again, so that no
 * half-written archive looks complete and nothing else is touched.
 */
#pragma once

#include "pg_includes.h"

/* The name a dump claims its directory with; toc.dat is written through it. */
#define PD_TOC_TMP_NAME "toc.dat.tmp"

/*
 * Creates dir (mode 0700), or accepts an existing empty directory that is
 * not a symbolic link, is owned by the server's OS user and is not
 * writable by group or others; *created says which.  Then claims it:
 * creates toc.dat.tmp exclusively (*claimed), so a second dump into the
 * same directory fails instead of mixing its files with ours.
 */
extern void pd_create_archive_directory(const char *dir, bool *created, volatile bool *claimed);

/* Writes toc.dat through the claimed toc.dat.tmp, fsyncs it and the directory. */
/* The next piece of toc.dat's bytes into *data, *len; false after the last. */
typedef bool (*PdTocChunk)(void *arg, const char **data, size_t *len);
extern void pd_write_toc(const char *dir, PdTocChunk next, void *arg);

/* Best effort, never raises an ERROR: removes dir/name. */
extern void pd_remove_archive_file(const char *dir, const char *name);
/* The same for every blob_<oid><suffix> with oid <= last. */
extern void pd_remove_blob_files(const char *dir, Oid last, const char *suffix);
/* The same for the directory (only if empty). */
extern void pd_remove_archive_dir(const char *dir);
