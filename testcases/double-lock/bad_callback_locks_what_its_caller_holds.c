// A registry walks its entries under its lock and calls the callback it was given for each; the
// callback main passes asks the registry for its size, which takes the same lock again.
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
        visit(table[i], ctx); //~ ERROR double-lock
    pthread_mutex_unlock(&table_lock);
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
