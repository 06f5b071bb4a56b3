// The walk calls its callback after releasing the lock, on a copy of the entries: the callback
// may take the lock again.
#include <pthread.h>
#include <stdio.h>

struct entry {
    const char *name;
    int enabled;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *table[32];
static int ntable;

int table_size(void)
{
    pthread_mutex_lock(&table_lock);
    int n = ntable;
    pthread_mutex_unlock(&table_lock);
    return n;
}

void table_each(void (*visit)(struct entry *, void *), void *ctx)
{
    struct entry *copy[32];
    pthread_mutex_lock(&table_lock);
    int n = ntable;
    for (int i = 0; i < n; i++)
        copy[i] = table[i];
    pthread_mutex_unlock(&table_lock);
    for (int i = 0; i < n; i++)
        visit(copy[i], ctx);
}

static void show(struct entry *e, void *ctx)
{
    (void)ctx;
    printf("%s (%d entries)\n", e->name, table_size());
}

int main(void)
{
    table_each(show, NULL);
    return 0;
}
