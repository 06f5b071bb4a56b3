// assert() on the status: the failure branch aborts.
#include <assert.h>
#include <pthread.h>

static void *work(void *arg)
{
    return arg;
}

void checked(void)
{
    int data = 3;
    pthread_t t;
    int rc = pthread_create(&t, NULL, work, &data);
    assert(rc == 0);
    (void)rc;
    pthread_join(t, NULL);
}
