// The inner thread, its starter's sibling and main all take the same mutex.
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int mode;

static void *apply(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    mode = 1;
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void *supervisor(void *arg)
{
    pthread_t t;
    (void)arg;
    pthread_create(&t, NULL, apply, NULL);
    pthread_join(t, NULL);
    return NULL;
}

static void *reset(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    mode = 0;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t s, r;
    pthread_create(&s, NULL, supervisor, NULL);
    pthread_create(&r, NULL, reset, NULL);
    pthread_mutex_lock(&mu);
    mode = 2;
    pthread_mutex_unlock(&mu);
    pthread_join(s, NULL);
    pthread_join(r, NULL);
    return mode;
}
