// Each client owns one slot, which a helper returns by the client's own index: the client
// counts its hits there without the lock, and no other thread touches that slot.
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

static struct slot *table_slot(struct table *t, int id)
{
    if (id < 0 || id >= NSLOTS)
        return NULL;
    return &t->slots[id];
}

struct client {
    struct table *t;
    int id;
};

static int table_count(struct table *t, int id)
{
    struct slot *s = table_slot(t, id);
    if (!s)
        return -1;
    s->hits++;
    return 0;
}

static struct table table = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *client(void *arg)
{
    struct client *c = arg;
    for (int k = 0; k < 1000; k++)
        table_count(c->t, c->id);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    struct client cl[4];
    for (int i = 0; i < NSLOTS; i++)
        table.slots[i].key = i;
    for (int i = 0; i < 4; i++) {
        cl[i] = (struct client){&table, i};
        pthread_create(&t[i], NULL, client, &cl[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
