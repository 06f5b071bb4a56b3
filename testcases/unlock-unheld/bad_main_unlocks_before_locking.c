// main gives back `stats_lock` before it ever took it: nothing holds a lock when the program
// starts, and no function of the program returns holding this one.
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long requests;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats_lock);
    requests++;
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_unlock(&stats_lock); //~ ERROR unlock-unheld
    pthread_join(t, NULL);
    return 0;
}
