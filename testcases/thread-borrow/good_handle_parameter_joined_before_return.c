// The handle goes out through the parameter, but the function joins the thread through it
// before its buffer dies; or the thread gets memory that is not on this function's stack.
#include <stdlib.h>
#include <string.h>
#include <threads.h>

static int run(void *arg)
{
    return (int)strlen(arg);
}

int run_named(thrd_t *out)
{
    char name[32];
    strcpy(name, "worker");
    if (thrd_create(out, run, name) != thrd_success)
        return -1;
    return thrd_join(*out, NULL);
}

int start_static(thrd_t *out)
{
    static char name[] = "worker";
    return thrd_create(out, run, name);
}
