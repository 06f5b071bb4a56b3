// The argument check jumps to `out` before the lock is taken, and `out` unlocks: a rejected
// reload unlocks `config_lock` though nothing locked it. The function waits for the lock itself,
// so no caller holds it when calling.
#include <pthread.h>

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int config_timeout = 30, config_retries = 3;

int reload_config(int timeout, int retries)
{
    int rc = -1;

    if (timeout <= 0)
        goto out;
    pthread_mutex_lock(&config_lock);
    if (retries < 0)
        goto out;
    config_timeout = timeout;
    config_retries = retries;
    rc = 0;
out:
    pthread_mutex_unlock(&config_lock); //~ ERROR unlock-unheld
    return rc;
}
