// The monitor walks the workers with a pointer (`for (w = workers; w < workers + NW; w++)`) and
// reads each worker's `errors` after giving its lock back, while each worker updates its own
// `errors` under that lock: the read races with the update. `done`, read under the lock the
// pointer names, does not.
#include <pthread.h>
#include <stdio.h>

#define NW 4

struct worker {
    pthread_mutex_t lock;
    long done;
    long errors;
};

static struct worker workers[NW];

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    for (int i = 1; i <= 5000; i++) {
        pthread_mutex_lock(&w->lock);
        w->done++;
        if (i % 97 == 0)
            w->errors++; //~ ERROR data-race
        pthread_mutex_unlock(&w->lock);
    }
    return NULL;
}

static void *monitor(void *arg)
{
    int *failing = arg;
    for (int round = 0; round < 100; round++) {
        long sum = 0;
        int nerr = 0;
        for (struct worker *w = workers; w < workers + NW; w++) {
            pthread_mutex_lock(&w->lock);
            sum += w->done;
            pthread_mutex_unlock(&w->lock);
            if (w->errors > 0)
                nerr++;
        }
        printf("done=%ld failing=%d\n", sum, nerr);
        *failing = nerr;
    }
    return NULL;
}

int main(void)
{
    pthread_t tw[NW], tm;
    int failing = 0;

    for (int i = 0; i < NW; i++)
        pthread_mutex_init(&workers[i].lock, NULL);
    for (int i = 0; i < NW; i++)
        pthread_create(&tw[i], NULL, worker_main, &workers[i]);
    pthread_create(&tm, NULL, monitor, &failing);
    for (int i = 0; i < NW; i++)
        pthread_join(tw[i], NULL);
    pthread_join(tm, NULL);
    printf("failing=%d\n", failing);
    return 0;
}
