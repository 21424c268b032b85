/*
 * Included last by every file under src/pure/.  Those files are plain C++
 * that must never call into PostgreSQL (no palloc, no ereport): they use
 * RAII and exceptions freely, which is only safe away from longjmp.
 */
#pragma once
#ifdef POSTGRES_H
static_assert(false, "src/pure/ must not include PostgreSQL headers");
#endif
