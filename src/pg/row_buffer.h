/*
 * Writing a value in place at the end of a row buffer (a StringInfo), for
 * the fast COPY writers (fast_output.cpp, fast_jsonb.cpp): reserve room,
 * write into it, advance over what was written.
 */
#pragma once

#include "pg_includes.h"

/* Room for n more bytes and the terminating NUL; grows buf only when short of it. */
static inline char *pd_row_reserve(StringInfo buf, size_t n) {
    if ((size_t) buf->len + n + 1 > (size_t) buf->maxlen)
        enlargeStringInfo(buf, (int) n);
    return buf->data + buf->len;
}

/* n bytes were written at pd_row_reserve's pointer. */
static inline void pd_row_advance(StringInfo buf, size_t n) {
    buf->len += (int) n;
    buf->data[buf->len] = '\0';
}
