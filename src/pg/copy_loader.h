/*
 * pd_restore's load of a plain table's COPY text without COPY FROM's own
 * line and field parser (a quarter of a restore's CPU): the text is split by
 * src/pure/copy_text_parse.h, 16 bytes at a time, as COPY splits it; values
 * go through the same input functions (and pd_fast_input's parsers), the
 * same constraint checks (ExecConstraints) and the same multi-row insert
 * (table_multi_insert, FREEZE as COPY would), with COPY's error messages and
 * context.  Only where nothing else of CopyFrom is needed: a plain table
 * without triggers, indexes, partition constraint, generated columns or
 * defaults to compute, text in the database's encoding, newline-terminated.
 * Anything else, and parallel_dump.restore_fast_input = off, is COPY's.
 */
#pragma once

#include "pg_includes.h"

#include "archive_reader.h"

extern "C" {
#include "commands/copy.h"
}

/* Whether pd_copy_load can load this COPY (cstate from BeginCopyFrom, nothing read yet). */
extern bool pd_copy_load_applies(CopyFromState cstate);

/*
 * Loads the rows of reader into cstate's table; false when the text's first
 * line does not end in a newline: then nothing was loaded, and the bytes
 * read so far are in *pending / *npending (palloc'd), for COPY to read first.
 */
extern bool pd_copy_load(CopyFromState cstate, PdDataReader *reader, uint64 *processed, char **pending,
                         size_t *npending);
