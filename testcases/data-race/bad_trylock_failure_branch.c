// The trylock's failure branch updates the counter anyway.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long dropped;

static void *sampler(void *arg)
{
    (void)arg;
    if (pthread_mutex_trylock(&mu) == 0) {
        dropped = 0;
        pthread_mutex_unlock(&mu);
    } else {
        dropped++; //~ ERROR data-race
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, sampler, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)dropped;
}
