// Both threads hold `a` when `take_b` locks `b`: one order everywhere.
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static long x;

static void take_b(void)
{
    pthread_mutex_lock(&b);
    x++;
    pthread_mutex_unlock(&b);
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&a);
    take_b();
    pthread_mutex_unlock(&a);
    return NULL;
}

int main(void)
{
    pthread_t p, q;
    pthread_create(&p, NULL, worker, NULL);
    pthread_create(&q, NULL, worker, NULL);
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    x = 0;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    pthread_join(p, NULL);
    pthread_join(q, NULL);
    return 0;
}
