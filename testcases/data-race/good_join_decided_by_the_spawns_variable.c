// `background` decides the spawn and the join: after `if (background) join`, no thread runs,
// whichever way `background` went.
#include <pthread.h>
#include <stdbool.h>

static long total;

static void *worker(void *arg)
{
    (void)arg;
    total++;
    return NULL;
}

void run(bool background)
{
    pthread_t t;
    if (background)
        pthread_create(&t, NULL, worker, NULL);
    else
        worker(NULL);
    if (background)
        pthread_join(t, NULL);
    total = 0;
}

int main(void)
{
    run(true);
    return 0;
}
