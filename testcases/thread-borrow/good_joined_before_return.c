// The spawner waits for the worker before `counter` goes out of scope.
#include <pthread.h>

static void *count_events(void *arg)
{
    (*(int *)arg)++;
    return NULL;
}

int count(void)
{
    pthread_t t;
    int counter = 0;
    pthread_create(&t, NULL, count_events, &counter);
    pthread_join(t, NULL);
    return counter;
}
