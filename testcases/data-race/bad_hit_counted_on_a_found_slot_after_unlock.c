// A lookup helper returns the slot it found by searching the table (`&c->slots[i]` from a loop
// over i): the caller counts a hit on it after dropping the lock, so two threads finding the
// same key increment one counter at once.
#include <pthread.h>
#include <stddef.h>

#define NSLOTS 16

struct slot {
    int key;
    long value;
    unsigned long hits;
};

struct table {
    pthread_mutex_t lock;
    struct slot slots[NSLOTS];
};

static struct slot *table_find_locked(struct table *t, int key)
{
    for (int i = 0; i < NSLOTS; i++)
        if (t->slots[i].key == key)
            return &t->slots[i];
    return NULL;
}

static int table_get(struct table *t, int key, long *out)
{
    pthread_mutex_lock(&t->lock);
    struct slot *s = table_find_locked(t, key);
    if (s)
        *out = s->value;
    pthread_mutex_unlock(&t->lock);
    if (!s)
        return -1;
    s->hits++; //~ ERROR data-race
    return 0;
}

static struct table table = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *client(void *arg)
{
    long v;
    for (int k = 0; k < 1000; k++)
        table_get(arg, k % 32, &v);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < NSLOTS; i++)
        table.slots[i].key = i;
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, client, &table);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
