// A parameter lives in the callee's frame and dies when it returns.
#include <pthread.h>

static void *use_port(void *arg)
{
    return (void *)(long)*(int *)arg;
}

pthread_t listen_on(int port)
{
    pthread_t t;
    pthread_create(&t, NULL, use_port, &port); //~ ERROR thread-borrow
    return t;
}
