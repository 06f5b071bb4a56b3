// A trylock's status kept in a variable: where it says the lock was taken, the function
// returns early with it still locked.
#include <pthread.h>

struct stats {
    pthread_mutex_t lock;
    long sum, count;
};

static struct stats st = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int try_add(struct stats *s, long v)
{
    int rc = pthread_mutex_trylock(&s->lock);
    if (rc != 0)
        return rc;
    if (v < 0)
        return -1; //~ ERROR lock-leak
    s->sum += v;
    s->count++;
    pthread_mutex_unlock(&s->lock);
    return 0;
}

static void *run(void *arg)
{
    try_add(&st, 3);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, run, NULL);
    run(NULL);
    pthread_join(t, NULL);
    return 0;
}
