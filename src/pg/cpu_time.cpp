/* pd_cpu_seconds: user + system CPU of this backend (getrusage). */
#include "cpu_time.h"

#include <sys/resource.h>

extern "C" double pd_cpu_seconds(void) {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (double) (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}
