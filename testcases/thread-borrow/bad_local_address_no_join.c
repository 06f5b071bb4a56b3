// A worker counts into the spawner's local variable, and the spawner returns
// without waiting for it: the thread then writes into a dead stack frame.
#include <pthread.h>

static void *count_events(void *arg)
{
    int *counter = arg;
    for (int i = 0; i < 1000; i++)
        (*counter)++;
    return NULL;
}

int start_counting(void)
{
    pthread_t t;
    int counter = 0;
    pthread_create(&t, NULL, count_events, &counter); //~ ERROR thread-borrow
    return 0;
}
