// Three subsystems each nest two of three locks: the cache under the index, the index under
// the journal, the journal under the cache. No two functions take a pair in opposite orders,
// but three threads running them at once can each hold one lock and wait for the next.
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

void journal_replay(void)
{
    pthread_mutex_lock(&journal_mu);
    pthread_mutex_lock(&index_mu); //~ ERROR lock-order
    entries += logged;
    pthread_mutex_unlock(&index_mu);
    pthread_mutex_unlock(&journal_mu);
}
