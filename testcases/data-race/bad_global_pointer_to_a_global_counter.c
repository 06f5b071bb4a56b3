// `hits` holds the address of `requests` from its initializer on: the worker's `*hits += 1` and
// main's `requests = 0` write one location.
#include <pthread.h>

static long requests;
static long *const hits = &requests;

static void *worker(void *arg)
{
    (void)arg;
    *hits += 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    requests = 0;
    pthread_join(t, NULL);
    return (int)requests;
}
