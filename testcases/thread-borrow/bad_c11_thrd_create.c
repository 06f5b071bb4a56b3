// The same rule for C11 threads.
#include <threads.h>

static int tally(void *arg)
{
    return ++*(int *)arg;
}

int start_tally(void)
{
    thrd_t t;
    int total = 0;
    if (thrd_create(&t, tally, &total) != thrd_success) //~ ERROR thread-borrow
        return -1;
    return 0;
}
