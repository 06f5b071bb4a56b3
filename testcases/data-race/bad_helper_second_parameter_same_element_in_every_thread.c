// account updates the statistics it is given as its second parameter. Every worker passes
// `&per_thread[0]` rather than its own element, so they all update one element unguarded.
#include <pthread.h>
#include <stdio.h>

#define N 4

struct stats {
    long hits;
    long misses;
};

static struct stats per_thread[N];

static void account(int hit, struct stats *s)
{
    if (hit)
        s->hits++; //~ ERROR data-race
    else
        s->misses++; //~ ERROR data-race
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        account(i % 3 == 0, &per_thread[0]);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", per_thread[0].hits);
    return 0;
}
