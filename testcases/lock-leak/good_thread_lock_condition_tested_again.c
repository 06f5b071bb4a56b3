// The job says whether to lock, and the same field decides the unlock: no path ends with the
// lock held. The field is not a variable fearless follows through the branches, but it is
// tested twice, so the lock state at the end is left undecided, and nothing is reported.
#include <pthread.h>

struct job {
    int shared;
    long *counter;
};

static pthread_mutex_t counter_mu = PTHREAD_MUTEX_INITIALIZER;

static void *run(void *arg)
{
    struct job *j = arg;
    if (j->shared)
        pthread_mutex_lock(&counter_mu);
    (*j->counter)++;
    if (j->shared)
        pthread_mutex_unlock(&counter_mu);
    return NULL;
}

int main(void)
{
    long n = 0;
    struct job j = {1, &n};
    pthread_t t;
    pthread_create(&t, NULL, run, &j);
    pthread_join(t, NULL);
    return (int)n;
}
