// A detached thread is never joined: it must not borrow the stack.
#include <pthread.h>
#include <unistd.h>

static void *heartbeat(void *arg)
{
    const int *interval = arg;
    for (;;)
        sleep((unsigned)*interval);
    return NULL;
}

int start_heartbeat(void)
{
    int interval = 5;
    pthread_t t;
    if (pthread_create(&t, NULL, heartbeat, &interval) != 0) //~ ERROR thread-borrow
        return -1;
    pthread_detach(t);
    return 0;
}
