// The same thread function started twice, each time on a different object: no object is shared.
#include <pthread.h>

static int global_hits;

static void *bump(void *arg)
{
    (*(int *)arg)++;
    return NULL;
}

void start(void)
{
    static int local_static_hits;
    pthread_t a, b;
    pthread_create(&a, NULL, bump, &global_hits);
    pthread_create(&b, NULL, bump, &local_static_hits);
    pthread_detach(a);
    pthread_detach(b);
}
