/* The extension's settings (module_init.cpp). */
#pragma once

#include "pg_includes.h"

/* parallel_dump.restore_split_size, in kB */
extern int pd_restore_split_size_kb;

/* parallel_dump.dump_split_size, in kB */
extern int pd_dump_split_size_kb;
