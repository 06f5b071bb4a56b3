// Readers share the read side; the writer takes the write side.
#include <pthread.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static int routes;

static void *lookup(void *arg)
{
    int r;
    (void)arg;
    pthread_rwlock_rdlock(&lock);
    r = routes;
    pthread_rwlock_unlock(&lock);
    return (void *)(long)r;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, lookup, NULL);
    pthread_rwlock_wrlock(&lock);
    routes = 12;
    pthread_rwlock_unlock(&lock);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
