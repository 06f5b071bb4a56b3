// A statistics thread bumps a counter under the read side (every reader may, the counter is
// its own business), while main reads it under the write side: the write side excludes every
// reader, so main's read never runs beside a bump. (The bumps themselves race with each other:
// see bad_rwlock_write_under_read_side.c.)
#include <pthread.h>

static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static long lookups;

static void *stats(void *arg)
{
    (void)arg;
    pthread_rwlock_rdlock(&table_lock);
    lookups++;
    pthread_rwlock_unlock(&table_lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, stats, NULL);
    pthread_rwlock_wrlock(&table_lock);
    long seen = lookups;
    pthread_rwlock_unlock(&table_lock);
    pthread_join(t, NULL);
    return (int)seen;
}
