// The status is checked, but success still leaves without a join.
#include <pthread.h>

static void *watch(void *arg)
{
    return arg;
}

int start_watch(void)
{
    int flags = 0;
    pthread_t watcher;
    int rc = pthread_create(&watcher, NULL, watch, &flags); //~ ERROR thread-borrow
    if (rc != 0)
        return rc;
    return 0;
}
