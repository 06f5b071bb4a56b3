// The recursive wrapper's threads borrow `hits`, and the caller returns without joining them.
#include <pthread.h>

static int spawn_chain(pthread_t *ts, int n, void *(*fn)(void *), void *arg)
{
    if (n <= 0)
        return 0;
    if (pthread_create(&ts[n - 1], NULL, fn, arg) != 0)
        return -1;
    return spawn_chain(ts, n - 1, fn, arg);
}

static void *bump(void *arg)
{
    int *hits = arg;
    __atomic_fetch_add(hits, 1, __ATOMIC_RELAXED);
    return NULL;
}

int count_hits(void)
{
    int hits = 0;
    pthread_t ts[4];
    if (spawn_chain(ts, 4, bump, &hits) != 0) //~ ERROR thread-borrow
        return -1;
    return hits;
}
