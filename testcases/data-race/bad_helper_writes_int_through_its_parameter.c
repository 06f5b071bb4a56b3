// `store(&level, ...)` writes `level` through the helper's `int *` parameter, from the worker and
// from main: a global handed to a function by address is still checked as that global.
#include <pthread.h>

static int level;

static void store(int *where, int value)
{
    *where = value; //~ ERROR data-race
}

static void *worker(void *arg)
{
    (void)arg;
    store(&level, 1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    store(&level, 2);
    pthread_join(t, NULL);
    return level;
}
