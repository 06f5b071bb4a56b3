// fearless-flags: --verbose
// The worker connects a stream of whichever class its argument names. The table names fd.c's
// class only by address, yet fd.c is part of the program: the class field holds two functions,
// so which one the worker's stream calls is not known, and the race on `verify_peer` through
// ssl.c's class is not reported (a note under --verbose).
#include <pthread.h>

#include "classes.h"

static const struct stream_class *const classes[] = {&fd_class, &ssl_class};

static void *worker(void *arg)
{
    const struct stream_class *c = arg;
    c->connect();
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, (void *)classes[0]);
    ssl_configure(1);
    pthread_join(t, NULL);
    return 0;
}
