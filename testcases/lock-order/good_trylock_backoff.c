// The reverse order uses trylock and backs off: it never waits while holding the other lock.
#include <pthread.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lru_mu = PTHREAD_MUTEX_INITIALIZER;
static int entries, lru_len;

void insert(void)
{
    pthread_mutex_lock(&table_mu);
    pthread_mutex_lock(&lru_mu);
    entries++;
    lru_len++;
    pthread_mutex_unlock(&lru_mu);
    pthread_mutex_unlock(&table_mu);
}

int evict(void)
{
    pthread_mutex_lock(&lru_mu);
    if (pthread_mutex_trylock(&table_mu) != 0) {
        pthread_mutex_unlock(&lru_mu);
        return -1; /* retry later */
    }
    entries--;
    lru_len--;
    pthread_mutex_unlock(&table_mu);
    pthread_mutex_unlock(&lru_mu);
    return 0;
}
