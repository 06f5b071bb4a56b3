// fearless-flags: --checks=-*,unguarded-access
// In `main` and in a thread's start function nothing calls the code with a lock held: the help
// says to lock around the access, and does not offer REQUIRES on them.
#include <pthread.h>
#include "include/thread_annotations.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int n OVS_GUARDED_BY(m);

static void *worker(void *arg)
{
    (void)arg;
    n++; //~ ERROR unguarded-access
    return 0;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, 0, worker, 0);
    n = 1; //~ ERROR unguarded-access
    pthread_join(t, 0);
    return 0;
}
