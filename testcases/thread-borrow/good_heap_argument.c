// Heap memory is not on the stack, even when the thread is never joined.
#include <pthread.h>
#include <stdlib.h>

static void *work(void *arg)
{
    free(arg);
    return NULL;
}

void fire_and_forget(void)
{
    int *payload = malloc(sizeof *payload);
    if (!payload)
        return;
    *payload = 1;
    pthread_t t;
    pthread_create(&t, NULL, work, payload);
    pthread_detach(t);
}
