// `tp = &total;` is the only value tp ever takes: `*tp` in the worker is `total`.
#include <pthread.h>

static long total;
static long *tp;

static void *worker(void *arg)
{
    (void)arg;
    *tp += 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    tp = &total;
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    total++;
    pthread_join(t, NULL);
    return (int)total;
}
