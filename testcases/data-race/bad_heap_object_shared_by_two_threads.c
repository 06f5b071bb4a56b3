// One heap object handed to two threads, which both update its sum.
#include <pthread.h>
#include <stdlib.h>

struct acc {
    long sum;
};

static void *add(void *arg)
{
    struct acc *a = (struct acc *)arg;
    a->sum += 10; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    struct acc *a = calloc(1, sizeof *a);
    pthread_t t1, t2;
    if (!a)
        return 1;
    pthread_create(&t1, NULL, add, a);
    pthread_create(&t2, NULL, add, a);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(a);
    return 0;
}
