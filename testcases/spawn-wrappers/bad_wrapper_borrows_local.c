// A spawn wrapper is checked like pthread_create: `spawn_worker` passes its `arg` to the
// thread, so `&progress` is borrowed, and nothing joins the handle it stores in `t`.
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

int start_copy(void)
{
    long progress = 0;
    pthread_t t;
    if (spawn_worker(&t, copy_files, &progress) != 0) //~ ERROR thread-borrow
        return -1;
    printf("copy started\n");
    return 0;
}
