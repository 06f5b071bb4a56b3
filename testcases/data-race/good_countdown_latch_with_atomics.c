// A count-down latch built from atomics: each worker stores its sum, then counts `pending` down
// with a release decrement as its last act; main spins on an acquire load until it reaches zero.
// The sums are read after that, so every read is ordered after the write it reads.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define NWORKERS 4

struct part {
    int first, count;
    long sum;
};

static int pending = NWORKERS;

static void *add_up(void *arg)
{
    struct part *p = arg;
    long s = 0;
    for (int i = p->first; i < p->first + p->count; i++)
        s += i;
    p->sum = s;
    __atomic_fetch_sub(&pending, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(void)
{
    static struct part parts[NWORKERS];
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        parts[i].first = i * 100;
        parts[i].count = 100;
        if (pthread_create(&t[i], NULL, add_up, &parts[i]) != 0)
            return 1;
        pthread_detach(t[i]);
    }
    while (__atomic_load_n(&pending, __ATOMIC_ACQUIRE) > 0)
        usleep(100);
    long total = 0;
    for (int i = 0; i < NWORKERS; i++)
        total += parts[i].sum;
    printf("%ld\n", total);
    return 0;
}
