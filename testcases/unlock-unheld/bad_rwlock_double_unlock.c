// A reader that releases its read lock twice on the found path.
#include <pthread.h>
#include <string.h>

struct route_cache {
    pthread_rwlock_t rw;
    const char *keys[32];
    int values[32];
    int n;
};

int route_get(struct route_cache *c, const char *key)
{
    int v = -1;
    pthread_rwlock_rdlock(&c->rw);
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->keys[i], key) == 0) {
            v = c->values[i];
            break;
        }
    pthread_rwlock_unlock(&c->rw);
    if (v >= 0)
        pthread_rwlock_unlock(&c->rw); //~ ERROR unlock-unheld
    return v;
}
