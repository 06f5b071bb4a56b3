// The join is skipped when `wait` is false.
#include <pthread.h>
#include <stdbool.h>

static void *work(void *arg)
{
    (*(int *)arg)++;
    return NULL;
}

void maybe_wait(bool wait)
{
    int progress = 0;
    pthread_t t;
    pthread_create(&t, NULL, work, &progress); //~ ERROR thread-borrow
    if (wait)
        pthread_join(t, NULL);
}
