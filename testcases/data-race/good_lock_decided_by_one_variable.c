// `shared` decides the lock, the access and the unlock: the access is under the lock on every
// path that can run (shape 3 of the issue on races through pointers).
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void bump(bool shared)
{
    if (shared)
        pthread_mutex_lock(&m);
    if (shared)
        n++;
    if (shared)
        pthread_mutex_unlock(&m);
}

static void *worker(void *arg)
{
    (void)arg;
    bump(true);
    return NULL;
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
