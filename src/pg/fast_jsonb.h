/*
 * jsonb values written straight into COPY text: what jsonb_out prints
 * (JsonbToCString without indentation), COPY-escaped, in one pass over the
 * value, without jsonb_out's intermediate string, its palloc'd numeric_out
 * text per number, and the second escaping pass.  Part of fast_output.h.
 */
#pragma once

#include "pg_includes.h"

/*
 * Appends a non-null jsonb value's COPY text, or returns false having
 * appended nothing: values stored out of line and values over 64 kB take
 * the output function's streaming path.
 */
extern bool pd_fast_jsonb_append(StringInfo buf, Datum value);
