// `add` takes the lock of the object it is given: `shared.mu` at both workers' calls, so the
// update is protected.
#include <pthread.h>

struct acc {
    pthread_mutex_t mu;
    long n;
};

static struct acc shared = {PTHREAD_MUTEX_INITIALIZER, 0};

static void add(struct acc *a, long k)
{
    pthread_mutex_lock(&a->mu);
    a->n += k;
    pthread_mutex_unlock(&a->mu);
}

static void *worker(void *arg)
{
    (void)arg;
    add(&shared, 1);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)shared.n;
}
