// A union is Send only if every member is: one member is a thread-bound handle.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

typedef struct epoll_loop epoll_loop_t NOT_SEND;

struct event {
    int kind;
    union {
        long code;
        double value;
        epoll_loop_t *loop;
    } u;
};

static void *handle_event(void *arg)
{
    free(arg);
    return NULL;
}

int dispatch(struct event *ev, pthread_t *t)
{
    return pthread_create(t, NULL, handle_event, fl_move(ev)); //~ ERROR not-send
}
