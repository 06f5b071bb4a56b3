// The monitor walks the workers with a pointer (`for (w = workers; w < workers + NW; w++)`) and
// reads each worker's counters under the lock of the element the pointer names, the lock each
// worker updates its own counters under. Each worker also walks its own slice of `cells` with a
// pointer that starts at its first cell: slices of different workers are different cells.
#include <pthread.h>
#include <stdio.h>

#define NW 4

struct worker {
    pthread_mutex_t lock;
    long done;
    long errors;
};

static struct worker workers[NW];
static int cells[NW * 64];

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    int id = (int)(w - workers);
    for (int *c = cells + id * 64; c < cells + (id + 1) * 64; c++)
        *c = id;
    for (int i = 1; i <= 5000; i++) {
        pthread_mutex_lock(&w->lock);
        w->done++;
        if (i % 97 == 0)
            w->errors++;
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
            if (w->errors > 0)
                nerr++;
            pthread_mutex_unlock(&w->lock);
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
