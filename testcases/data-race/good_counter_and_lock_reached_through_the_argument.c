// The context also points to the lock that guards the counter: both workers hold it.
#include <pthread.h>

struct context {
    long *hits;
    pthread_mutex_t *lock;
};

static void *worker(void *arg)
{
    struct context *c = arg;
    pthread_mutex_lock(c->lock);
    (*c->hits)++;
    pthread_mutex_unlock(c->lock);
    return NULL;
}

int main(void)
{
    long hits = 0;
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    struct context c = {&hits, &lock};
    pthread_t a, b;
    pthread_create(&a, NULL, worker, &c);
    pthread_create(&b, NULL, worker, &c);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)hits;
}
