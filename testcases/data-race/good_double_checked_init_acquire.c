// Double-checked initialization done right: the fast path's acquire load of `inited` pairs with
// the release store that follows the write of `table`; the slow path tests it again under `m`.
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int *table;
static atomic_int inited;

static int *get_table(void)
{
    if (!atomic_load_explicit(&inited, memory_order_acquire)) {
        pthread_mutex_lock(&m);
        if (!atomic_load_explicit(&inited, memory_order_relaxed)) {
            table = calloc(8, sizeof *table);
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
