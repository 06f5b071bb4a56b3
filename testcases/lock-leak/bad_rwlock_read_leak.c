// A reader returns NULL on a miss without releasing its read lock: writers wait forever.
#include <pthread.h>
#include <stddef.h>
#include <string.h>

struct entry {
    const char *key;
    void *value;
};

struct cache {
    pthread_rwlock_t rw;
    struct entry entries[64];
    int n;
};

void *cache_get(struct cache *c, const char *key)
{
    pthread_rwlock_rdlock(&c->rw);
    int i = 0;
    while (i < c->n && strcmp(c->entries[i].key, key) != 0)
        i++;
    if (i == c->n)
        return NULL; //~ ERROR lock-leak
    void *v = c->entries[i].value;
    pthread_rwlock_unlock(&c->rw);
    return v;
}
