// The producer fills each slot, then publishes how many are filled with a release store; the
// reader loads that count with acquire and reads only the slots below it: every read comes
// after the write it reads.
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
        slots[i] = 100L * i;
        atomic_store_explicit(&filled, i + 1, memory_order_release);
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
