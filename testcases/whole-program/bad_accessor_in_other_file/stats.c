/* The statistics and their accessor. */
#include "stats.h"

static struct stats the_stats;

struct stats *stats_get(void)
{
    return &the_stats;
}
