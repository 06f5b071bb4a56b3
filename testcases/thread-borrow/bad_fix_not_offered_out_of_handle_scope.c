// The handle is declared in an inner block that has ended at the return: a join there could
// not name it, so no fix is offered.
#include <pthread.h>

static void *work(void *arg)
{
    return arg;
}

int run_scoped(void)
{
    int data = 0;
    {
        pthread_t t;
        pthread_create(&t, NULL, work, &data); //~ ERROR thread-borrow
    }
    return 0;
}
