/* libuv's shape: a try wrapper that returns 0 when it took the lock, an error code otherwise. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

enum { MY_EBUSY = -16 };

int my_mutex_trylock(pthread_mutex_t *m)
{
    int err = pthread_mutex_trylock(m);
    if (err) {
        if (err != EBUSY && err != EAGAIN)
            abort();
        return MY_EBUSY;
    }
    return 0;
}

void my_mutex_unlock(pthread_mutex_t *m)
{
    if (pthread_mutex_unlock(m))
        abort();
}
