// t1 holds `a` while `take_b` locks `b`; t2 locks `b` then `a`: the order through the call
// counts like one written in place.
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static long x;

static void take_b(void)
{
    pthread_mutex_lock(&b);
    x++;
    pthread_mutex_unlock(&b);
}

static void *t1(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&a);
    take_b();
    pthread_mutex_unlock(&a);
    return NULL;
}

static void *t2(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a); //~ ERROR lock-order
    x--;
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
