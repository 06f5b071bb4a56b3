// Writers take only the read side of the rwlock: two of them may write at once.
#include <pthread.h>

static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static int generation;

static void *refresher(void *arg)
{
    (void)arg;
    pthread_rwlock_rdlock(&table_lock);
    generation++; //~ ERROR data-race
    pthread_rwlock_unlock(&table_lock);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, refresher, NULL);
    pthread_create(&b, NULL, refresher, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return generation;
}
