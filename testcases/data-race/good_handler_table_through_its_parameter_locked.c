// The same dispatchers and table, with every handler taking the stats lock around what it
// changes: whichever handler each thread runs, the writes of `g_stats` hold `g_stats.lock`.
#include <pthread.h>

struct conn_stats {
    pthread_mutex_t lock;
    long active;
    long bytes;
};

typedef void (*handler_fn)(struct conn_stats *st, int payload);

static void on_connect(struct conn_stats *st, int payload)
{
    (void)payload;
    pthread_mutex_lock(&st->lock);
    st->active++;
    pthread_mutex_unlock(&st->lock);
}

static void on_data(struct conn_stats *st, int payload)
{
    pthread_mutex_lock(&st->lock);
    st->bytes += payload;
    pthread_mutex_unlock(&st->lock);
}

static void on_close(struct conn_stats *st, int payload)
{
    (void)payload;
    pthread_mutex_lock(&st->lock);
    st->active--;
    pthread_mutex_unlock(&st->lock);
}

static const handler_fn handlers[3] = {on_connect, on_data, on_close};

static struct conn_stats g_stats = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *dispatcher(void *arg)
{
    int seed = *(int *)arg;
    for (int i = 0; i < 300; i++)
        handlers[(i + seed) % 3](&g_stats, 64 + i % 512);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    int seeds[2] = {0, 1};
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, dispatcher, &seeds[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)g_stats.active;
}
