// Both threads take `routes` and `hosts` on the read side only, in opposite orders. Readers do
// not wait for readers, so neither thread can block the other.
#include <pthread.h>

static pthread_rwlock_t routes = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t hosts = PTHREAD_RWLOCK_INITIALIZER;
static int nroutes, nhosts;

static void *lookup_route(void *arg)
{
    pthread_rwlock_rdlock(&routes);
    pthread_rwlock_rdlock(&hosts);
    long n = nroutes + nhosts;
    pthread_rwlock_unlock(&hosts);
    pthread_rwlock_unlock(&routes);
    return (void *)n;
}

static void *lookup_host(void *arg)
{
    pthread_rwlock_rdlock(&hosts);
    pthread_rwlock_rdlock(&routes);
    long n = nroutes + nhosts;
    pthread_rwlock_unlock(&routes);
    pthread_rwlock_unlock(&hosts);
    return (void *)n;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, lookup_route, NULL);
    pthread_create(&b, NULL, lookup_host, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
