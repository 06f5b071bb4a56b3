// Every thread's argument is its own element of `args`, but each element's `sum` points to the
// same `total`: the threads add to one counter without a lock.
#include <pthread.h>
#include <stdio.h>

struct args {
    int id;
    long *sum;
};

static void *worker(void *p)
{
    struct args *a = p;
    for (int i = 0; i < 1000; i++)
        *a->sum += a->id; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    long total = 0;
    pthread_t t[4];
    struct args args[4];
    for (int i = 0; i < 4; i++) {
        args[i].id = i;
        args[i].sum = &total;
        pthread_create(&t[i], NULL, worker, &args[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", total);
    return 0;
}
