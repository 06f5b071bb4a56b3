// C11 threads, joined on every path where the thread exists.
#include <threads.h>

static int add(void *arg)
{
    return ++*(int *)arg;
}

int add_one(void)
{
    thrd_t t;
    int value = 41;
    if (thrd_create(&t, add, &value) != thrd_success)
        return -1;
    int res;
    thrd_join(t, &res);
    return value;
}
