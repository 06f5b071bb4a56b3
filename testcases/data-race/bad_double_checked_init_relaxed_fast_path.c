// Double-checked initialization whose fast path loads `inited` relaxed: seeing it set orders
// nothing, so the read of `table` races with its write.
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int *table;
static atomic_int inited;

static int *get_table(void)
{
    if (!atomic_load_explicit(&inited, memory_order_relaxed)) {
        pthread_mutex_lock(&m);
        if (!atomic_load_explicit(&inited, memory_order_relaxed)) {
            table = calloc(8, sizeof *table); //~ ERROR data-race
            atomic_store_explicit(&inited, 1, memory_order_release);
        }
        pthread_mutex_unlock(&m);
    }
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
