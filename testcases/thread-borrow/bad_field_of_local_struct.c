// The address of a field is an address into the whole local struct.
#include <pthread.h>

struct limits {
    int max_connections;
    int max_requests;
};

static void *enforce(void *arg)
{
    int *max_requests = arg;
    return *max_requests > 0 ? arg : NULL;
}

int configure(void)
{
    struct limits lim = {64, 1000};
    pthread_t enforcer;
    if (pthread_create(&enforcer, NULL, enforce, &lim.max_requests) != 0) //~ ERROR thread-borrow
        return -1;
    return 0;
}
