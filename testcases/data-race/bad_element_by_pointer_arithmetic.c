// `a + 2` is the address of a[2]: the worker writes the element main writes.
#include <pthread.h>

static int a[8];

static void *worker(void *arg)
{
    (void)arg;
    int *p = a + 2;
    *p = 1; //~ ERROR data-race
    *(a + 5) = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    a[2] = 3;
    pthread_join(t, NULL);
    return a[2];
}
