// ticker_stop() joins the ticker, then reads its count without the lock: the thread is over by
// then, though the caller's call to ticker_stop() comes while it runs.
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
    printf("stopped after %ld ticks\n", t->ticks);
}

int main(void)
{
    struct ticker tk;
    if (ticker_start(&tk) != 0)
        return 1;
    usleep(10000);
    pthread_mutex_lock(&tk.lock);
    printf("%ld ticks so far\n", tk.ticks);
    pthread_mutex_unlock(&tk.lock);
    ticker_stop(&tk);
    printf("%ld ticks\n", tk.ticks);
    return 0;
}
