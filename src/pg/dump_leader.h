/*
 * The leader of one dump: takes the snapshot, locks and reads the catalog,
 * starts the workers, hands out tables largest first, and writes toc.dat
 * once every data file is safely on disk.
 */
#pragma once

#include "pg_includes.h"

typedef struct PdDumpOptions {
    const char *directory; /* absolute, placeholders already expanded */
    int jobs;
    int compression;       /* pg_dump -Z: -1 default, 0 none, 1..9 */
    struct pg_tm start_time; /* in the session's time zone, for the header */
} PdDumpOptions;

extern void pd_run_dump(const PdDumpOptions *options);
