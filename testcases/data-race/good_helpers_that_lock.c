// Lock and unlock helpers: their callers hold the lock between them.
#include <pthread.h>

struct counter {
    pthread_mutex_t mu;
    long n;
};
static struct counter g_count = {PTHREAD_MUTEX_INITIALIZER, 0};

static void counter_lock(struct counter *c) { pthread_mutex_lock(&c->mu); }
static void counter_unlock(struct counter *c) { pthread_mutex_unlock(&c->mu); }

static void *tick(void *arg)
{
    (void)arg;
    counter_lock(&g_count);
    g_count.n++;
    counter_unlock(&g_count);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, tick, NULL);
    counter_lock(&g_count);
    g_count.n = 0;
    counter_unlock(&g_count);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
