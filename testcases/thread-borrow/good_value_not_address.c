// Passing an integer by value (cast to a pointer) borrows nothing.
#include <pthread.h>
#include <stdint.h>

static void *worker(void *arg)
{
    return (void *)((intptr_t)arg * 2);
}

void start_numbered(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < 4; i++)
        pthread_detach(t[i]);
}
