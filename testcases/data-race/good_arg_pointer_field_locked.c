// Each argument points to the shared total and to the mutex that guards it.
#include <pthread.h>
#include <stdio.h>

struct args {
    int id;
    long *sum;
    pthread_mutex_t *mu;
};

static void *worker(void *p)
{
    struct args *a = p;
    pthread_mutex_lock(a->mu);
    *a->sum += a->id;
    pthread_mutex_unlock(a->mu);
    return NULL;
}

int main(void)
{
    long total = 0;
    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_t t[4];
    struct args args[4];
    for (int i = 0; i < 4; i++) {
        args[i].id = i;
        args[i].sum = &total;
        args[i].mu = &mu;
        pthread_create(&t[i], NULL, worker, &args[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", total);
    return 0;
}
