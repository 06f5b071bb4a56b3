// Three locks always taken in one order (index, cache, journal), in pairs and all three at
// once: the orders form no cycle.
#include <pthread.h>

static pthread_mutex_t index_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t journal_mu = PTHREAD_MUTEX_INITIALIZER;
static int entries, cached, logged;

void index_insert(void)
{
    pthread_mutex_lock(&index_mu);
    pthread_mutex_lock(&cache_mu);
    entries++;
    cached++;
    pthread_mutex_unlock(&cache_mu);
    pthread_mutex_unlock(&index_mu);
}

void cache_flush(void)
{
    pthread_mutex_lock(&cache_mu);
    pthread_mutex_lock(&journal_mu);
    logged += cached;
    pthread_mutex_unlock(&journal_mu);
    pthread_mutex_unlock(&cache_mu);
}

void checkpoint(void)
{
    pthread_mutex_lock(&index_mu);
    pthread_mutex_lock(&cache_mu);
    pthread_mutex_lock(&journal_mu);
    logged = entries + cached;
    pthread_mutex_unlock(&journal_mu);
    pthread_mutex_unlock(&cache_mu);
    pthread_mutex_unlock(&index_mu);
}
