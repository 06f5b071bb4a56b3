// The worker locks `queue_mu` only when work is pending, but unlocks it whatever the test said:
// when nothing was pending, it unlocks a mutex it never locked. The condition reads a global
// that nothing else in the function tests, so both of its values reach the unlock.
#include <pthread.h>

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int pending;
static long served;

static void *worker(void *arg)
{
    (void)arg;
    if (pending > 0)
        pthread_mutex_lock(&queue_mu);
    served++;
    pthread_mutex_unlock(&queue_mu); //~ ERROR unlock-unheld
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return 0;
}
