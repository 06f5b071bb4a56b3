// The thread is started on one path only: a join before the return would wait on a handle
// that was never set on the other path, so no fix is offered.
#include <pthread.h>

static void *work(void *arg)
{
    return arg;
}

int run_maybe(int enabled)
{
    int data = 0;
    pthread_t t;
    if (enabled) {
        pthread_create(&t, NULL, work, &data); //~ ERROR thread-borrow
    }
    return data;
}
