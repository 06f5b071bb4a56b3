// Both sides lock through a wrapper defined elsewhere (like glibc's xpthread_mutex_lock):
// fearless cannot tell which lock it takes, so it does not report.
#include <pthread.h>

void checked_lock(pthread_mutex_t *m);
void checked_unlock(pthread_mutex_t *m);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int jobs;

static void *runner(void *arg)
{
    (void)arg;
    checked_lock(&mu);
    jobs--;
    checked_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, runner, NULL);
    checked_lock(&mu);
    jobs++;
    checked_unlock(&mu);
    pthread_join(t, NULL);
    return jobs;
}
