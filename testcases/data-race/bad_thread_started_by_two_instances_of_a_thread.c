// Two supervisors run at once, and each starts a flusher: two flushers run at once.
#include <pthread.h>
#include <stddef.h>

static long flushed;

static void *flusher(void *arg)
{
    (void)arg;
    flushed++; //~ ERROR data-race
    return NULL;
}

static void *supervisor(void *arg)
{
    pthread_t t;
    (void)arg;
    pthread_create(&t, NULL, flusher, NULL);
    pthread_join(t, NULL);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, supervisor, NULL);
    pthread_create(&b, NULL, supervisor, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)flushed;
}
