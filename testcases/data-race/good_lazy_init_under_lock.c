// Lazy initialization under a mutex, read after the unlock. Every thread either set `table`
// itself or saw `inited` set under `m`, after the thread that set it released `m`; and the
// test of `inited` under `m` lets one thread only set it.
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int *table;
static int inited;

static int *get_table(void)
{
    pthread_mutex_lock(&m);
    if (!inited) {
        table = calloc(8, sizeof *table);
        inited = 1;
    }
    pthread_mutex_unlock(&m);
    return table;
}

static void *worker(void *arg)
{
    return get_table();
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
