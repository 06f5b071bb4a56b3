// A thread that starts a thread and joins it: once main has joined the starter, the inner thread
// is over too; the starter's own accesses before the spawn and after the join are its alone.
#include <pthread.h>
#include <stddef.h>

static long flushed;

static void *flusher(void *arg)
{
    (void)arg;
    flushed++;
    return NULL;
}

static void *supervisor(void *arg)
{
    pthread_t t;
    (void)arg;
    flushed = 0;
    pthread_create(&t, NULL, flusher, NULL);
    pthread_join(t, NULL);
    flushed *= 2;
    return NULL;
}

static void *report(void *arg)
{
    (void)arg;
    flushed += 10;
    return NULL;
}

int main(void)
{
    pthread_t s, r;
    pthread_create(&s, NULL, supervisor, NULL);
    pthread_join(s, NULL);
    pthread_create(&r, NULL, report, NULL);
    pthread_join(r, NULL);
    return (int)flushed;
}
