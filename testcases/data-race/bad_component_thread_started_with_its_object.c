// A component whose start() spawns its thread with the object it was given: the thread's
// accesses through its argument are accesses of the object each caller passes. main reads the
// tick count while the ticker runs, without the lock the ticker takes.
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
        t->ticks++; //~ ERROR data-race
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
    struct ticker tk;
    if (ticker_start(&tk) != 0)
        return 1;
    usleep(10000);
    printf("%ld ticks so far\n", tk.ticks);
    ticker_stop(&tk);
    printf("%ld ticks\n", tk.ticks);
    return 0;
}
