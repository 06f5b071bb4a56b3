// The worker counts only when its try succeeds; a second worker keeps the status in a variable
// it then tests.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *worker(void *arg)
{
    (void)arg;
    if (pthread_mutex_trylock(&mu) == 0) {
        counter++;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

static void *other(void *arg)
{
    (void)arg;
    int rc = pthread_mutex_trylock(&mu);
    if (rc != 0)
        return NULL;
    counter++;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t, u;
    pthread_create(&t, NULL, worker, NULL);
    pthread_create(&u, NULL, other, NULL);
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    pthread_join(u, NULL);
    return (int)counter;
}
