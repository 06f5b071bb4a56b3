// The workers count requests with an atomic add, but `reset_stats` clears the counter with a
// plain store while they run: the plain write races with the atomic updates (one of them may be
// lost, or the store torn).
#include <pthread.h>

static long requests;

static void *worker(void *arg)
{
    for (int i = 0; i < 1000; i++)
        __atomic_fetch_add(&requests, 1, __ATOMIC_RELAXED);
    return arg;
}

static void reset_stats(void)
{
    requests = 0; //~ ERROR data-race
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    reset_stats();
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
