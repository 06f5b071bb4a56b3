// The reporter reads every worker's statistics under that worker's own lock, through a pointer
// to the element; each worker updates its own statistics under the same lock.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define NWORKERS   3
#define NREQUESTS  2000

struct worker_stats {
    pthread_mutex_t lock;
    unsigned long   requests;
    unsigned long   bytes_read;
    unsigned long   conns_closed;
};

struct worker {
    pthread_t           tid;
    int                 id;
    struct worker_stats stats;
};

static struct worker g_workers[NWORKERS];
static int g_running = 1;

static void stats_record_request(struct worker *w, unsigned long nbytes)
{
    pthread_mutex_lock(&w->stats.lock);
    w->stats.requests++;
    w->stats.bytes_read += nbytes;
    pthread_mutex_unlock(&w->stats.lock);
}

/* Called on the worker's own thread when a client connection goes away. */
static void stats_record_close(struct worker *w)
{
    pthread_mutex_lock(&w->stats.lock);
    w->stats.conns_closed++;
    pthread_mutex_unlock(&w->stats.lock);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    for (int i = 0; i < NREQUESTS; i++) {
        stats_record_request(w, 128 + (unsigned long)((i * (w->id + 1)) % 512));
        if (i % 10 == 9)
            stats_record_close(w);
        if (i % 100 == 0)
            usleep(200);
    }
    return NULL;
}

static void *reporter_main(void *arg)
{
    while (__atomic_load_n(&g_running, __ATOMIC_ACQUIRE)) {
        unsigned long req = 0, bytes = 0, closed = 0;
        for (int i = 0; i < NWORKERS; i++) {
            struct worker_stats *s = &g_workers[i].stats;
            pthread_mutex_lock(&s->lock);
            req += s->requests;
            bytes += s->bytes_read;
            closed += s->conns_closed;
            pthread_mutex_unlock(&s->lock);
        }
        printf("stats: requests=%lu bytes=%lu closed=%lu\n", req, bytes, closed);
        usleep(1000);
    }
    return NULL;
}

int main(void)
{
    pthread_t reporter;

    for (int i = 0; i < NWORKERS; i++) {
        g_workers[i].id = i;
        pthread_mutex_init(&g_workers[i].stats.lock, NULL);
    }
    if (pthread_create(&reporter, NULL, reporter_main, NULL) != 0)
        return 1;
    for (int i = 0; i < NWORKERS; i++)
        if (pthread_create(&g_workers[i].tid, NULL, worker_main, &g_workers[i]) != 0)
            return 1;
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(g_workers[i].tid, NULL);

    __atomic_store_n(&g_running, 0, __ATOMIC_RELEASE);
    pthread_join(reporter, NULL);
    return 0;
}
