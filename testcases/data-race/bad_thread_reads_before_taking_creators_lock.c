// The worker reads `config` before it takes the creator's lock: nothing orders that read.
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long config;
static void *worker(void *arg)
{
    (void)arg;
    long c = config;
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    return (void *)c;
}
int main(void)
{
    pthread_t t;
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, worker, NULL);
    config = 5; //~ ERROR data-race
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);
    return 0;
}
