// `spawn_detached` starts a thread and detaches it: nothing can ever wait for it, so it must
// not borrow `interval` from the caller's stack.
#include <pthread.h>
#include <unistd.h>

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
    const unsigned *interval = arg;
    for (;;)
        sleep(*interval);
    return NULL;
}

int start_heartbeat(void)
{
    unsigned interval = 5;
    return spawn_detached(heartbeat, &interval); //~ ERROR thread-borrow
}
