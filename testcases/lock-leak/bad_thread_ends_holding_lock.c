// Each worker locks `m` and returns without unlocking it: the second worker waits forever.
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long x;
static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    x++;
    return NULL; //~ ERROR lock-leak
}
int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
