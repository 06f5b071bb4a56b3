// Threads started in a loop into one handle: joining the handle before the return would wait
// for the last one only, so no fix is offered.
#include <pthread.h>

static void *work(void *arg)
{
    return arg;
}

int run_all(int n)
{
    int data = 0;
    pthread_t t;
    for (int i = 0; i < n; i++) {
        if (pthread_create(&t, NULL, work, &data) != 0) //~ ERROR thread-borrow
            break;
    }
    return 0;
}
