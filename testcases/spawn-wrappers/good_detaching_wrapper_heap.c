// A detaching wrapper given heap memory the thread owns (`fl_move`): nothing on the stack is
// borrowed.
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "../../annotations/fearless.h"

static int spawn_detached(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    int rc = pthread_create(&t, NULL, fn, arg);
    if (rc == 0)
        pthread_detach(t);
    return rc;
}

static void *heartbeat(void *arg)
{
    unsigned *interval = arg;
    for (int i = 0; i < 3; i++)
        sleep(*interval);
    free(interval);
    return NULL;
}

int start_heartbeat(void)
{
    unsigned *interval = malloc(sizeof *interval);
    if (!interval)
        return -1;
    *interval = 5;
    return spawn_detached(heartbeat, fl_move(interval));
}
