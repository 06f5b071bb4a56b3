// An opaque library handle with no annotation is assumed Sync (fearless cannot see inside):
// say NOT_SYNC on its typedef if the library is not thread-safe.
#include <pthread.h>

struct db;
int db_get(struct db *d, int key);

static void *lookup(void *arg)
{
    db_get(arg, 1);
    return NULL;
}

int lookup_both(struct db *d)
{
    pthread_t t;
    if (pthread_create(&t, NULL, lookup, d) != 0)
        return -1;
    int v = db_get(d, 2);
    pthread_join(t, NULL);
    return v;
}
