// The success branch is the one that returns without joining.
#include <pthread.h>

static void *poll_device(void *arg)
{
    return arg;
}

int open_device(void)
{
    int status = 0;
    pthread_t poller;
    if (pthread_create(&poller, NULL, poll_device, &status) == 0) //~ ERROR thread-borrow
        return 0;
    return -1;
}
