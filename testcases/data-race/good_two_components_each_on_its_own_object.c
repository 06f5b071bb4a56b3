// Two tickers, each started on its own object: each thread takes its own object's lock, and main
// reads each one under that lock.
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

int main(void)
{
    struct ticker tk, other;
    if (ticker_start(&tk) != 0)
        return 1;
    if (ticker_start(&other) != 0) {
        ticker_stop(&tk);
        return 1;
    }
    usleep(10000);
    pthread_mutex_lock(&tk.lock);
    printf("%ld ticks so far\n", tk.ticks);
    pthread_mutex_unlock(&tk.lock);
    ticker_stop(&tk);
    ticker_stop(&other);
    printf("%ld and %ld ticks\n", tk.ticks, other.ticks);
    return 0;
}
