/*
 * Faster input of the common types for pd_restore's COPY: after
 * BeginCopyFrom, the columns whose input function is exactly PostgreSQL's
 * date_in, timestamp_in, timestamptz_in, numeric_in or bpcharin get a parser
 * for the canonical text pg_dump writes (src/pure/parse_*.h; char(n): n ASCII
 * characters, copied), which gives the same
 * datum and hands anything else to the builtin function itself.  Setting
 * parallel_dump.restore_fast_input: on (default), off, or verify (both run
 * for every value, a different datum is an ERROR; for tests).  off also
 * leaves the parsing of COPY's text to COPY itself (copy_loader.h).
 */
#pragma once

#include "pg_includes.h"

extern "C" {
#include "commands/copy.h"
}

/* Defines parallel_dump.restore_fast_input (from _PG_init). */
extern void pd_fast_input_define_setting(void);
/* The setting's value, passed from the caller's session to the workers. */
extern int pd_fast_input_mode;
/* Whether mode (the setting's value) allows anything fast: off leaves every COPY to PostgreSQL's own code. */
extern bool pd_fast_input_enabled(int mode);
/* Points the COPY's input functions at the fast parsers, as mode says. */
extern void pd_fast_input_install(CopyFromState cstate, int mode);
/* In verify mode: LOG how many values the fast parsers took and how many went to the builtins. */
extern void pd_fast_input_report(const char *table);
