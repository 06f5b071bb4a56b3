// Upgrading a read lock to a write lock in place: wrlock waits for all readers, including this
// thread, forever.
#include <pthread.h>
#include <string.h>

struct route_cache {
    pthread_rwlock_t rw;
    char keys[32][64];
    int values[32];
    int n;
};

int route_lookup_or_insert(struct route_cache *c, const char *key, int value)
{
    pthread_rwlock_rdlock(&c->rw);
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->keys[i], key) == 0) {
            int v = c->values[i];
            pthread_rwlock_unlock(&c->rw);
            return v;
        }
    pthread_rwlock_wrlock(&c->rw); //~ ERROR double-lock
    if (c->n < 32) {
        strncpy(c->keys[c->n], key, 63);
        c->values[c->n++] = value;
    }
    pthread_rwlock_unlock(&c->rw);
    return value;
}
