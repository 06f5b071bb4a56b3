/* Correct code with fearless.h annotations: compiles warning-free, fearless stays silent. */
#include <fearless.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct FL_SYNC counter {
    pthread_mutex_t mu;
    long n FL_GUARDED_BY(mu);
};

static void *bump(void *arg)
{
    struct counter *c = arg;
    pthread_mutex_lock(&c->mu);
    c->n++;
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

int main(void)
{
    static struct counter c = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t t;
    if (pthread_create(&t, NULL, bump, &c) != 0)
        return 1;
    pthread_join(t, NULL);
    pthread_mutex_lock(&c.mu);
    printf("%ld\n", c.n);
    pthread_mutex_unlock(&c.mu);
    return 0;
}
