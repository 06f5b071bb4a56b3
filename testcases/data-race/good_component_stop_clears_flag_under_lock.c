// poller_stop() clears `running` under the lock the poller reads it with, then joins through a
// helper; poller_reset() runs after the join and touches the object alone.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct poller {
    pthread_t thread;
    pthread_mutex_t lock;
    int running;
    long polls;
};

static void *poll_loop(void *arg)
{
    struct poller *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        if (!pl->running) {
            pthread_mutex_unlock(&pl->lock);
            break;
        }
        pl->polls++;
        pthread_mutex_unlock(&pl->lock);
        usleep(100);
    }
    return NULL;
}

static int poller_start(struct poller *pl)
{
    pl->running = 1;
    pl->polls = 0;
    pthread_mutex_init(&pl->lock, NULL);
    return pthread_create(&pl->thread, NULL, poll_loop, pl);
}

static void poller_wait(struct poller *pl)
{
    pthread_join(pl->thread, NULL);
}

static long poller_stop(struct poller *pl)
{
    pthread_mutex_lock(&pl->lock);
    pl->running = 0;
    pthread_mutex_unlock(&pl->lock);
    poller_wait(pl);
    return pl->polls;
}

static void poller_reset(struct poller *pl)
{
    pl->polls = 0;
    pl->running = 0;
    pthread_mutex_destroy(&pl->lock);
}

int main(void)
{
    struct poller *pl = malloc(sizeof *pl);
    if (!pl || poller_start(pl) != 0)
        return 1;
    usleep(5000);
    printf("%ld polls\n", poller_stop(pl));
    poller_reset(pl);
    free(pl);
    return 0;
}
