// Only the trylock's success branch touches the counter.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long flushed;

static void *flusher(void *arg)
{
    (void)arg;
    if (pthread_mutex_trylock(&mu) == 0) {
        flushed++;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, flusher, NULL);
    pthread_mutex_lock(&mu);
    flushed = 0;
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
