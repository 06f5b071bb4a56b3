// push is given the item, the queue and the lock as three parameters. Both producers pass the
// one queue with the one lock that guards it, so their updates of `shared_q.len` hold the same
// lock. Each worker's own statistics, an element of `per_thread` by the worker's index or a
// local, are reached through the second parameter of `account` and shared with nobody.
#include <pthread.h>
#include <stdio.h>

#define N 4

struct queue {
    int jobs[64];
    int len;
};

struct stats {
    long hits;
    long misses;
};

static struct queue shared_q;
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static struct stats per_thread[N];

static void push(int job, struct queue *q, pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    if (q->len < 64)
        q->jobs[q->len++] = job;
    pthread_mutex_unlock(m);
}

static void account(int hit, struct stats *s)
{
    if (hit)
        s->hits++;
    else
        s->misses++;
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    struct stats local = {0, 0};
    for (int i = 0; i < 100; i++) {
        push(i, &shared_q, &qlock);
        account(i % 3 == 0, &per_thread[id]);
        account(i % 2, &local);
    }
    printf("%ld %ld\n", local.hits, local.misses);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < N; i++)
        total += per_thread[i].hits;
    printf("%ld %d\n", total, shared_q.len);
    return 0;
}
