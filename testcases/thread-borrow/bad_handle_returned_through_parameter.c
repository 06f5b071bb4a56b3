// The start function hands the thread's handle back through its parameter and lets the caller
// join it, but the thread borrows the start function's own buffer, which dies when it returns.
#include <pthread.h>
#include <string.h>
#include <threads.h>

static int run(void *arg)
{
    return (int)strlen(arg);
}

static void *run_p(void *arg)
{
    return (void *)strlen(arg);
}

int start_named(thrd_t *out)
{
    char name[32];
    strcpy(name, "worker");
    return thrd_create(out, run, name); //~ ERROR thread-borrow
}

int start_posix(pthread_t *out, const char *label)
{
    char copy[64];
    strncpy(copy, label, sizeof copy - 1);
    copy[sizeof copy - 1] = '\0';
    return pthread_create(out, NULL, run_p, copy); //~ ERROR thread-borrow
}
