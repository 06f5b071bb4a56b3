/* clock.h - seconds on the monotonic clock, for --time-report and the per-unit budget. */
#ifndef FL_CLOCK_H
#define FL_CLOCK_H

#include <time.h>

static inline double fl_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
