// Each argument points to its own slot of `sums` (or its own buffer); main adds them up after
// joining. Nothing is shared while the threads run.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct args {
    int id;
    long *sum;
    char *buf;
};

static void *worker(void *p)
{
    struct args *a = p;
    *a->sum += a->id;
    a->buf[0] = 'x';
    return NULL;
}

int main(void)
{
    long sums[4] = {0};
    pthread_t t[4];
    struct args args[4];
    for (int i = 0; i < 4; i++) {
        args[i].id = i;
        args[i].sum = &sums[i];
        args[i].buf = malloc(16);
        pthread_create(&t[i], NULL, worker, &args[i]);
    }
    long total = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        total += sums[i];
        free(args[i].buf);
    }
    printf("%ld\n", total);
    return 0;
}
