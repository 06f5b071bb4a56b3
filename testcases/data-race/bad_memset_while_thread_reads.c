// memset writes every byte of `stats` while the worker reads one of its fields: the C library's
// memory functions access whole objects through their pointer arguments.
#include <pthread.h>
#include <string.h>

struct stats {
    long sent;
    long received;
};

static struct stats stats;

static void *worker(void *arg)
{
    (void)arg;
    return (void *)stats.sent;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    memset(&stats, 0, sizeof stats); //~ ERROR data-race
    pthread_join(t, NULL);
    return 0;
}
