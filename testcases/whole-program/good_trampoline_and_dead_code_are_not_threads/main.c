#include <pthread.h>

#include "thread.h"

static int served;

static void *server(void *arg)
{
    (void)arg;
    served++;
    return NULL;
}

int main(void)
{
    pthread_t t = thread_create(server, NULL);
    pthread_join(t, NULL);
    stats_resets = served;
    return 0;
}
