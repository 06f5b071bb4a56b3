// The same variable decides spawn and join, but the write comes before the join: it races
// with the worker when `background` is true.
#include <pthread.h>
#include <stdbool.h>

static long total;

static void *worker(void *arg)
{
    (void)arg;
    total++; //~ ERROR data-race
    return NULL;
}

void run(bool background)
{
    pthread_t t;
    if (background)
        pthread_create(&t, NULL, worker, NULL);
    total = 0;
    if (background)
        pthread_join(t, NULL);
}

int main(void)
{
    run(true);
    return 0;
}
