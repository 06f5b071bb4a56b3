// The callback main passes only reads its own entry and counts in its context: it takes no lock,
// so calling it under the table's lock is fine.
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
    pthread_mutex_lock(&table_lock);
    for (int i = 0; i < ntable; i++)
        visit(table[i], ctx);
    pthread_mutex_unlock(&table_lock);
}

static void show(struct entry *e, void *ctx)
{
    int *count = ctx;
    if (e->enabled)
        (*count)++;
    printf("%s\n", e->name);
}

int main(void)
{
    int enabled = 0;
    table_each(show, &enabled);
    printf("%d of %d enabled\n", enabled, table_size());
    return 0;
}
