// The producer publishes the count with a relaxed store, which orders nothing: the reader may
// see the new count before the slot's value.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define NSLOTS 16

static long slots[NSLOTS];
static atomic_int filled;

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < NSLOTS; i++) {
        slots[i] = 100L * i; //~ ERROR data-race
        atomic_store_explicit(&filled, i + 1, memory_order_relaxed);
    }
    return NULL;
}

static void *reader(void *arg)
{
    long *sum = arg;
    int next = 0;
    while (next < NSLOTS) {
        int avail = atomic_load_explicit(&filled, memory_order_acquire);
        for (; next < avail; next++)
            *sum += slots[next];
    }
    return NULL;
}

int main(void)
{
    pthread_t p, r;
    long sum = 0;
    pthread_create(&r, NULL, reader, &sum);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(r, NULL);
    printf("%ld\n", sum);
    return 0;
}
