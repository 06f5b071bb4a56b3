// `flush` is called with `a` held but gives `a` up before it takes `b`, and takes `a` back
// after: `b` then `a` everywhere (Open vSwitch's dp_netdev_offload_flush shape).
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static long x;

static void flush(void)
{
    pthread_mutex_unlock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a);
    x = 0;
    pthread_mutex_unlock(&b);
}

static void *t1(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&a);
    flush();
    pthread_mutex_unlock(&a);
    return NULL;
}

static void *t2(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a);
    x++;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return NULL;
}

int main(void)
{
    pthread_t p, q;
    pthread_create(&p, NULL, t1, NULL);
    pthread_create(&q, NULL, t2, NULL);
    pthread_join(p, NULL);
    pthread_join(q, NULL);
    return 0;
}
