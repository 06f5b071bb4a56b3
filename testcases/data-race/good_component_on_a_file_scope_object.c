// The component on a file-scope object, read under its lock while it runs and freely after
// ticker_stop() joined it.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

struct ticker {
    pthread_t thread;
    pthread_mutex_t lock;
    int stop;
    long ticks;
};

static void *ticker_main(void *arg)
{
    struct ticker *t = arg;
    for (;;) {
        pthread_mutex_lock(&t->lock);
        if (t->stop) {
            pthread_mutex_unlock(&t->lock);
            break;
        }
        t->ticks++;
        pthread_mutex_unlock(&t->lock);
        usleep(1000);
    }
    return NULL;
}

static int ticker_start(struct ticker *t)
{
    t->stop = 0;
    t->ticks = 0;
    pthread_mutex_init(&t->lock, NULL);
    return pthread_create(&t->thread, NULL, ticker_main, t);
}

static void ticker_stop(struct ticker *t)
{
    pthread_mutex_lock(&t->lock);
    t->stop = 1;
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
}

static struct ticker g_ticker;

int main(void)
{
    if (ticker_start(&g_ticker) != 0)
        return 1;
    usleep(10000);
    pthread_mutex_lock(&g_ticker.lock);
    printf("%ld ticks so far\n", g_ticker.ticks);
    pthread_mutex_unlock(&g_ticker.lock);
    ticker_stop(&g_ticker);
    printf("%ld ticks\n", g_ticker.ticks);
    return 0;
}
