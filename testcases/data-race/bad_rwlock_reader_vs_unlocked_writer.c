// Readers hold the read side; main writes without taking the write side.
#include <pthread.h>

static pthread_rwlock_t cfg_lock = PTHREAD_RWLOCK_INITIALIZER;
static int verbosity;

static void *logger(void *arg)
{
    int v;
    (void)arg;
    pthread_rwlock_rdlock(&cfg_lock);
    v = verbosity;
    pthread_rwlock_unlock(&cfg_lock);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, logger, NULL);
    verbosity = 3; //~ ERROR data-race
    pthread_join(t, NULL);
    return 0;
}
