// When trylock fails nothing is held, so the early return leaks nothing.
#include <errno.h>
#include <pthread.h>

static pthread_mutex_t flush_mu = PTHREAD_MUTEX_INITIALIZER;
static int dirty;

int flush_if_idle(void)
{
    if (pthread_mutex_trylock(&flush_mu) != 0)
        return -EBUSY;
    dirty = 0;
    pthread_mutex_unlock(&flush_mu);
    return 0;
}
