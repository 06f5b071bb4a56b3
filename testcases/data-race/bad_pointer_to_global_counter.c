// `p` points to `count` at every use: `*p += 1` in the worker and `count++` in main are one
// location (shape 1 of the issue on races through pointers).
#include <pthread.h>

static long count;

static void *worker(void *arg)
{
    (void)arg;
    long *p = &count;
    *p += 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    count++;
    pthread_join(t, NULL);
    return 0;
}
