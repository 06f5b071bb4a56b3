// The field first points to the shared total, then each thread's own copy: nothing fearless can
// name as one location, so it stays silent.
#include <pthread.h>

struct args {
    long *sum;
};

static long mine[2];

static void *worker(void *p)
{
    struct args *a = p;
    *a->sum += 1;
    return NULL;
}

static void own(struct args *a, int i)
{
    a->sum = &mine[i];
}

int main(void)
{
    long total = 0;
    pthread_t t[2];
    struct args args[2];
    for (int i = 0; i < 2; i++) {
        args[i].sum = &total;
        own(&args[i], i);
        pthread_create(&t[i], NULL, worker, &args[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)total;
}
