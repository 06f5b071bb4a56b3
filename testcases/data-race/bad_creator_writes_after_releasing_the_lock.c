// main writes `config` after releasing `m`: the worker may have passed its lock already.
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long config;
static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    long c = config;
    return (void *)c;
}
int main(void)
{
    pthread_t t;
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_unlock(&m);
    config = 5; //~ ERROR data-race
    pthread_join(t, NULL);
    return 0;
}
