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

struct PdMirrorRun;

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
    bool statistics; /* pd_dump's statistics => true: also write statistics.dat (statistics_dump.h) */
    /* pd_mirror: the plan goes to this target instead of an archive (directory unused) */
    struct PdMirrorRun *mirror;
} PdDumpOptions;

extern void pd_run_dump(const PdDumpOptions *options);
/* pd_dump's selection and output arguments (3 to 17), which pd_mirror shares */
extern void pd_read_selection_args(FunctionCallInfo fcinfo, PdDumpOptions *o);
