// `a + 1` and `*(a + 3)` are elements main does not touch while the worker runs.
#include <pthread.h>

static int a[8];

static void *worker(void *arg)
{
    (void)arg;
    int *p = a + 1;
    *p = 1;
    *(a + 3) = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    a[2] = 3;
    pthread_join(t, NULL);
    return a[1] + a[3];
}
