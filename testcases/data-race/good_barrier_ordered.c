// fearless-flags: --verbose
// A barrier orders main's write before the thread's read (the write comes before main's wait, the
// read after the thread's): silent, and --verbose says why.
#include <pthread.h>

static pthread_barrier_t b;
static const char *path;

static void *reader(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&b);
    return (void *)path;
}

int main(void)
{
    pthread_t t;
    pthread_barrier_init(&b, NULL, 2);
    pthread_create(&t, NULL, reader, NULL);
    path = "/tmp"; //~ NOTE data-race
    pthread_barrier_wait(&b);
    pthread_join(t, NULL);
    return 0;
}
