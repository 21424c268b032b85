/*
 * The archive directory on the server's disk: created like pg_dump -Fd
 * creates it, toc.dat written last and durably, and everything removed again
 * when a dump fails, so that no half-written archive looks complete.
 */
#pragma once

#include "pg_includes.h"

/* Creates dir (mode 0700) or accepts an existing empty one; *created says which. */
extern void pd_create_archive_directory(const char *dir, bool *created);

/* Writes toc.dat through a temporary name, fsyncs it and the directory. */
extern void pd_write_toc(const char *dir, const char *data, size_t len);

/* Best effort, never raises an ERROR: removes our files, and dir if we made it. */
extern void pd_remove_archive(const char *dir, bool remove_dir);
