/* Each thread's own statistics: the accessor returns a thread-local object, which names no
   shared location. */
#include "stats.h"

static _Thread_local struct stats mine;

struct stats *stats_get(void)
{
    return &mine;
}
