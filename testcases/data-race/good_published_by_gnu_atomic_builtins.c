// The same publication with GCC's builtins, and with a plain store to an _Atomic flag (which is
// sequentially consistent).
#include <pthread.h>

static int ready;
static _Atomic int done;
static long result, total;

static void *worker(void *arg)
{
    result = 42;
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
    total = 7;
    done = 1;
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
        ;
    long r = result;
    while (!done)
        ;
    r += total;
    pthread_join(t, NULL);
    return (int)r;
}
