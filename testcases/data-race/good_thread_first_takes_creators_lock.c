// main holds `m` from before the spawn until after writing `config`; the worker takes `m` before
// reading it, so its read waits for main's unlock (shape 6 of the issue).
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
    config = 5;
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);
    return 0;
}
