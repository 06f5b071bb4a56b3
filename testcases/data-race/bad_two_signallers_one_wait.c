// Two producers each write `data` and set `ready`; the consumer's wait ends at the first
// signal, while the second producer may still write `data`.
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;
static long data;

static void *producer(void *arg)
{
    pthread_mutex_lock(&m);
    data = (long)arg; //~ ERROR data-race
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, producer, (void *)(i + 1));
    pthread_mutex_lock(&m);
    while (!ready)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    long v = data;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)v;
}
