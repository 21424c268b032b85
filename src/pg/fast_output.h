/*
 * COPY TEXT for the common column types written straight from the Datum into
 * the row buffer, byte-identical to the types' output functions plus COPY's
 * escaping, without the fmgr call and the palloc'd string per value.
 */
#pragma once

#include "pg_includes.h"

/* How a column's values are written; PD_FAST_NONE means by the output function. */
typedef enum PdFastKind {
    PD_FAST_NONE = 0,
    PD_FAST_BOOL,
    PD_FAST_INT2,
    PD_FAST_INT4,
    PD_FAST_INT8,
    PD_FAST_OID,
    PD_FAST_FLOAT4,
    PD_FAST_FLOAT8,
    PD_FAST_NUMERIC,
    PD_FAST_TEXT, /* text, varchar, bpchar: their output functions all print the bytes */
    PD_FAST_NAME,
    PD_FAST_UUID,
    PD_FAST_DATE,
    PD_FAST_TIMESTAMP,
    PD_FAST_TIMESTAMPTZ,
    PD_FAST_JSONB, /* fast_jsonb.h */
} PdFastKind;

/*
 * Per-column setup (may look up the catalog).  The choice follows the
 * column type's output function, so a domain takes its base type's path
 * exactly when it prints with the base type's output function.
 */
extern PdFastKind pd_fast_output_kind(Form_pg_attribute att);

/*
 * Appends the escaped COPY text of a non-null value of a column of that kind,
 * or returns false having appended nothing: the caller then runs the output
 * function (kinds NONE, out-of-line TOAST values, timestamps out of range).
 * The common path neither allocates (beyond growing buf; jsonb: its aligned
 * copy and iterators, in the caller's per-row context) nor raises errors.
 */
extern bool pd_fast_output_append(StringInfo buf, PdFastKind kind, Datum value);
