// A global declared in a header (include/shared_state.h) and defined elsewhere: both threads of
// this file use it.
#include <pthread.h>

#include "include/shared_state.h"

static void *interpreter(void *arg)
{
    (void)arg;
    return tok_next(&g_script) > 0 ? (void *)1 : NULL; //~ ERROR not-sync
}

int run_script(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, interpreter, NULL) != 0)
        return -1;
    g_script.line = 1;
    return pthread_join(t, NULL);
}
