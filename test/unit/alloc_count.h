/*
 * Counts the bytes live in C++ heap allocations (operator new) of the unit
 * test binary, so that tests can bound what a parse of hostile input
 * allocates without trusting the code under test to report it.
 */
#pragma once

#include <cstddef>

namespace unit {

/* Bytes allocated with operator new and not yet deleted. */
size_t heap_live();
/* The largest heap_live() since the last reset_heap_peak(). */
size_t heap_peak();
void reset_heap_peak();

} // namespace unit
