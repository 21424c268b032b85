/*
 * The CPU seconds this process has used, for the DEBUG timing lines of
 * pd_dump's phases and catalog queries: unlike their wall time, a loaded
 * machine does not inflate them, so growth with the number of objects can
 * be read from them.  A plain system call: nothing is allocated, nothing
 * can ereport.
 */
#pragma once

extern "C" double pd_cpu_seconds(void);
