// `!pthread_create(...)` is the success branch; the else branch has no thread.
#include <pthread.h>

static void *ping(void *arg)
{
    return arg;
}

int ping_once(void)
{
    int reply = 0;
    pthread_t t;
    if (!pthread_create(&t, NULL, ping, &reply))
        pthread_join(t, NULL);
    else
        return -1;
    return reply;
}
