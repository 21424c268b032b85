/*
 * The leader's list of the files a dump wrote, for backup_manifest, in a
 * tuplesort that holds a fixed amount of memory and spills the rest to a
 * temporary file: a dump of a million large objects writes a million
 * files, whose records (88 bytes each) would otherwise all wait in memory
 * until the manifest is written.  Read back sorted by file name.
 */
#pragma once

#include "manifest_files.h"

typedef struct PdRecordSort PdRecordSort;

/* A sort in cxt (its memory and temporary file go with cxt and the transaction). */
extern PdRecordSort *pd_record_sort_begin(MemoryContext cxt);
extern void pd_record_sort_put(PdRecordSort *s, const PdFileRecord *r);
/* After the last put: the records in file name order, then false. */
extern bool pd_record_sort_next(PdRecordSort *s, PdFileRecord *out);
/* Ends the sort (its temporary file closed); not after an error (the transaction's end cleans up). */
extern void pd_record_sort_end(PdRecordSort *s);
