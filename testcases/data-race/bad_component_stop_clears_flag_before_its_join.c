// poller_stop() clears `running` without the lock, then joins: the poller still reads the flag
// until it sees the change, so the write races with that read. The join that follows in the same
// helper does not order the write before it.
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
    while (pl->running) {
        pthread_mutex_lock(&pl->lock);
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

static void poller_stop(struct poller *pl)
{
    pl->running = 0; //~ ERROR data-race
    pthread_join(pl->thread, NULL);
    pthread_mutex_destroy(&pl->lock);
}

int main(void)
{
    struct poller *pl = malloc(sizeof *pl);
    if (!pl || poller_start(pl) != 0)
        return 1;
    usleep(5000);
    poller_stop(pl);
    printf("%ld polls\n", pl->polls);
    free(pl);
    return 0;
}
