// A countdown latch made of a mutex and a condition variable: the workers write their slot, then
// count the latch down; main waits on it before it reads the slots, writes the multiplier, and
// opens a second latch the workers wait on before they read it. Every pair is ordered by a latch.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct latch {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int count;
};

static void latch_init(struct latch *l, int n)
{
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->cv, NULL);
    l->count = n;
}

static void latch_count_down(struct latch *l)
{
    pthread_mutex_lock(&l->mu);
    if (l->count > 0 && --l->count == 0)
        pthread_cond_broadcast(&l->cv);
    pthread_mutex_unlock(&l->mu);
}

static void latch_await(struct latch *l)
{
    pthread_mutex_lock(&l->mu);
    while (l->count > 0)
        pthread_cond_wait(&l->cv, &l->mu);
    pthread_mutex_unlock(&l->mu);
}

static struct latch g_ready, g_start;
static int g_warmup[NWORKERS];     /* slot i: worker i, before g_ready */
static int g_multiplier;           /* main, before g_start opens */
static long g_out[NWORKERS];       /* slot i: worker i, read after join */

static void *worker(void *arg)
{
    int id = *(const int *)arg;

    g_warmup[id] = (id + 1) * 10;
    latch_count_down(&g_ready);

    latch_await(&g_start);
    g_out[id] = (long)g_warmup[id] * g_multiplier;
    return NULL;
}

int main(void)
{
    pthread_t th[NWORKERS];
    int ids[NWORKERS];
    int sum = 0;

    latch_init(&g_ready, NWORKERS);
    latch_init(&g_start, 1);
    for (int i = 0; i < NWORKERS; i++) {
        ids[i] = i;
        pthread_create(&th[i], NULL, worker, &ids[i]);
    }

    latch_await(&g_ready);
    for (int i = 0; i < NWORKERS; i++)
        sum += g_warmup[i];
    g_multiplier = sum;
    latch_count_down(&g_start);

    for (int i = 0; i < NWORKERS; i++) {
        pthread_join(th[i], NULL);
        printf("out[%d] = %ld\n", i, g_out[i]);
    }
    return 0;
}
