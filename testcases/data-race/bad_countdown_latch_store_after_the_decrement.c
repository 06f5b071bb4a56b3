// The same latch with the worker's store after its decrement: main may see `pending` reach zero
// before the last sum is written.
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
    __atomic_fetch_sub(&pending, 1, __ATOMIC_RELEASE);
    p->sum = s; //~ ERROR data-race
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
