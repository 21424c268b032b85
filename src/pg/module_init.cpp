/*
 * Settings of the extension, defined when the library is loaded.
 */
#include "module_settings.h"

#include "blob_data.h"
#include "fast_input.h"

extern "C" {
#include "utils/guc.h"
PGDLLEXPORT void _PG_init(void);
}

int pd_restore_split_size_kb = 64 * 1024;
int pd_dump_split_size_kb = 64 * 1024;

extern "C" void _PG_init(void) {
    DefineCustomIntVariable("parallel_dump.restore_split_size",
                            "Size of the pieces in which pd_restore loads one table with several workers.",
                            "A table whose data file is bigger than a worker's share of all the data and at least "
                            "twice this size is loaded by up to one worker per piece (pd_dump's archives, and "
                            "uncompressed ones of pg_dump), without FREEZE and with its rows in no particular "
                            "physical order, when the restore stops at the first error; 0 loads every table with "
                            "one worker.",
                            &pd_restore_split_size_kb, 64 * 1024, 0, INT_MAX / 2, PGC_USERSET, GUC_UNIT_KB, NULL,
                            NULL, NULL);
    DefineCustomIntVariable("parallel_dump.dump_split_size",
                            "Size above which pd_dump reads one table with several workers.",
                            "A table bigger than this and than an eighth of a worker's share of all the data is read in block "
                            "ranges by several workers, appended in order into its one data file; 0 reads every "
                            "table with one worker.",
                            &pd_dump_split_size_kb, 64 * 1024, 0, INT_MAX / 2, PGC_USERSET, GUC_UNIT_KB, NULL,
                            NULL, NULL);
    pd_fast_input_define_setting();
    pd_blob_define_setting();
    MarkGUCPrefixReserved("parallel_dump");
}
