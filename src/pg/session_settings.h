/*
 * The settings every process of a dump runs with, as pg_dump sets them on
 * its connections: output formats that restore anywhere, no row security,
 * and an empty search_path so that every name comes out schema-qualified.
 */
#pragma once

#include "pg_includes.h"

/* For a background worker: the settings last for the process's life. */
extern void pd_apply_dump_settings(void);

/* For the leader: the settings last until pd_restore_settings(level). */
extern int pd_push_dump_settings(void);
extern void pd_restore_settings(int nest_level);
