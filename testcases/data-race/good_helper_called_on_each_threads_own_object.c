// Each worker passes its own object (its argument) to `add`: nothing is shared.
#include <pthread.h>
#include <stdlib.h>

struct acc {
    long n;
};

static void add(struct acc *a, long k)
{
    a->n += k;
}

static void *worker(void *arg)
{
    struct acc *mine = arg;
    add(mine, 1);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    struct acc *objs[2];
    for (int i = 0; i < 2; i++) {
        objs[i] = calloc(1, sizeof *objs[i]);
        if (!objs[i])
            return 1;
        pthread_create(&t[i], NULL, worker, objs[i]);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        free(objs[i]);
    }
    return 0;
}
