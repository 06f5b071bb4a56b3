// Plain objects updated only through __atomic / __sync builtins and <stdatomic.h> calls.
#include <pthread.h>
#include <stdatomic.h>

static long events;
static int flag;
static atomic_long total;

static void *worker(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&events, 1, __ATOMIC_RELAXED);
    __sync_fetch_and_or(&flag, 1);
    atomic_fetch_add_explicit(&total, 2, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    long e = __atomic_load_n(&events, __ATOMIC_ACQUIRE);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)e + (int)atomic_load(&total);
}
