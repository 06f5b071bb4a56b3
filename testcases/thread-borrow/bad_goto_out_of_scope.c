// The `goto` leaves the block that owns `frame` before the join.
#include <pthread.h>

static void *render(void *arg)
{
    return arg;
}

int draw(int fail)
{
    pthread_t t;
    {
        char frame[256];
        pthread_create(&t, NULL, render, frame); //~ ERROR thread-borrow
        if (fail)
            goto out;
        pthread_join(t, NULL);
    }
    return 0;
out:
    return -1;
}
