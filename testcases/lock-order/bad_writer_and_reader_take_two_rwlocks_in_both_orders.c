// One thread takes `routes` then `hosts` to write; the other reads them in the opposite order.
// The writer holding `routes` waits for the reader to leave `hosts`, and the reader holding
// `hosts` waits for the writer to leave `routes`.
#include <pthread.h>

static pthread_rwlock_t routes = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t hosts = PTHREAD_RWLOCK_INITIALIZER;
static int nroutes, nhosts;

static void *add_route(void *arg)
{
    pthread_rwlock_wrlock(&routes);
    pthread_rwlock_wrlock(&hosts);
    nroutes++;
    nhosts++;
    pthread_rwlock_unlock(&hosts);
    pthread_rwlock_unlock(&routes);
    return arg;
}

static void *lookup_host(void *arg)
{
    pthread_rwlock_rdlock(&hosts);
    pthread_rwlock_rdlock(&routes); //~ ERROR lock-order
    long n = nroutes + nhosts;
    pthread_rwlock_unlock(&routes);
    pthread_rwlock_unlock(&hosts);
    return (void *)n;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, add_route, NULL);
    pthread_create(&b, NULL, lookup_host, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
