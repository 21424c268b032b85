/*
 * The one bridge from PostgreSQL-facing code into pure C++ (src/pure/).
 *
 * cxx_call runs a lambda that must not call PostgreSQL; a C++ exception that
 * escapes it is caught, its message copied, and only after the catch block
 * has ended is it raised as an ERROR.  No C++ exception ever unwinds through
 * PostgreSQL frames, and no longjmp ever crosses a live C++ destructor.
 */
#pragma once

#include "pg_includes.h"

#include <exception>
#include <new>

namespace pd {

template <typename Body>
void cxx_call(Body &&body) {
    char message[1024];
    int sqlstate = 0;
    sigjmp_buf *stack_at_entry = PG_exception_stack;
    try {
        body();
    } catch (const std::bad_alloc &) {
        strlcpy(message, "out of memory", sizeof message);
        sqlstate = ERRCODE_OUT_OF_MEMORY;
    } catch (const std::exception &e) {
        strlcpy(message, e.what(), sizeof message);
        sqlstate = ERRCODE_INTERNAL_ERROR;
    } catch (...) {
        strlcpy(message, "unknown C++ exception", sizeof message);
        sqlstate = ERRCODE_INTERNAL_ERROR;
    }
    if (PG_exception_stack != stack_at_entry)
        elog(PANIC, "parallel_dump: C++ code left PostgreSQL's error stack changed");
    if (sqlstate != 0)
        ereport(ERROR, (errcode(sqlstate), errmsg("parallel_dump: %s", message)));
}

} // namespace pd
