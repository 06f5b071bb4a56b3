// One function, two branches, two orders.
#include <pthread.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lru_mu = PTHREAD_MUTEX_INITIALIZER;
static int entries, lru_len;

void cache_update(int evict)
{
    if (evict) {
        pthread_mutex_lock(&lru_mu);
        pthread_mutex_lock(&table_mu);
        entries--;
        lru_len--;
        pthread_mutex_unlock(&table_mu);
        pthread_mutex_unlock(&lru_mu);
    } else {
        pthread_mutex_lock(&table_mu);
        pthread_mutex_lock(&lru_mu); //~ ERROR lock-order
        entries++;
        lru_len++;
        pthread_mutex_unlock(&lru_mu);
        pthread_mutex_unlock(&table_mu);
    }
}
