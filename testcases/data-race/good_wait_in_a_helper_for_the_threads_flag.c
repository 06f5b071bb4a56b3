// The waiting half of a condition-variable handshake sits in a helper given the object: once
// `wait_for_result` saw `done` set, what the worker wrote before setting it is ordered before the
// helper's read, whatever the helper's parameter is called.
#include <pthread.h>
#include <stdio.h>

struct task {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    long result;
    int done;
};

static void *compute(void *arg)
{
    struct task *t = arg;
    long sum = 0;
    for (long i = 1; i <= 1000; i++)
        sum += i * i;
    pthread_mutex_lock(&t->mu);
    t->result = sum;
    t->done = 1;
    pthread_cond_signal(&t->cv);
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

static long wait_for_result(struct task *t)
{
    pthread_mutex_lock(&t->mu);
    while (!t->done)
        pthread_cond_wait(&t->cv, &t->mu);
    pthread_mutex_unlock(&t->mu);
    return t->result;
}

int main(void)
{
    struct task t = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
    pthread_t th;
    if (pthread_create(&th, NULL, compute, &t) != 0)
        return 1;
    printf("%ld\n", wait_for_result(&t));
    pthread_join(th, NULL);
    return 0;
}
