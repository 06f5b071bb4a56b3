// A thread that starts a thread: the inner one runs while its starter runs, so beside main's
// code after the starter is spawned.
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
    pthread_t s;
    pthread_create(&s, NULL, supervisor, NULL);
    flushed = 0;
    pthread_join(s, NULL);
    return (int)flushed;
}
