// The wrapper stores the handle through its out-parameter; the caller joins it before
// `progress` dies. The failure branch returns without a thread to join.
#include <pthread.h>
#include <stdio.h>

static void *copy_files(void *arg)
{
    long *progress = arg;
    for (int i = 0; i < 100; i++)
        (*progress)++;
    return NULL;
}

static int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg)
{
    int rc = pthread_create(t, NULL, fn, arg);
    if (rc != 0)
        fprintf(stderr, "cannot start worker: %d\n", rc);
    return rc;
}

long copy_and_wait(void)
{
    long progress = 0;
    pthread_t t;
    if (spawn_worker(&t, copy_files, &progress) != 0)
        return -1;
    pthread_join(t, NULL);
    return progress;
}
