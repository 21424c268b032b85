/*
 * The leader of one dump: takes the snapshot, locks and reads the catalog,
 * starts the workers, hands out tables largest first, and writes toc.dat
 * once every data file is safely on disk.
 */
#pragma once

#include "pg_includes.h"

extern "C" {
#include "utils/array.h"
}

typedef struct PdDumpOptions {
    const char *directory; /* absolute, placeholders already expanded */
    int jobs;
    int compression;       /* pg_dump -Z: -1 default, 0 none, 1..9 */
    struct pg_tm start_time; /* in the session's time zone, for the header */
    /* pg_dump's -n, -N, -t, -T and --exclude-table-data: text[] or NULL */
    ArrayType *schemas;
    ArrayType *exclude_schemas;
    ArrayType *tables;
    ArrayType *exclude_tables;
    ArrayType *exclude_table_data;
    bool schema_only;
    bool data_only;
    bool no_owner;
    bool no_privileges;
    bool no_comments;
    bool no_publications;
    bool no_subscriptions;
    bool no_blobs;
    bool load_via_partition_root;
    bool strict_names;
} PdDumpOptions;

extern void pd_run_dump(const PdDumpOptions *options);
