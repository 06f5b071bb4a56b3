// `start_session` lends its stack struct to the new thread and waits on a semaphore in it, which
// the thread posts as its last use of the struct, once it has copied what it needs.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

struct start_args {
    char name[32];
    int iterations;
    sem_t taken;
};

static void *session(void *arg)
{
    struct start_args *sa = arg;
    char name[32];
    int iters;
    unsigned long h = 5381;

    memcpy(name, sa->name, sizeof name);
    iters = sa->iterations;
    sem_post(&sa->taken);

    for (int i = 0; i < iters; i++)
        for (const char *p = name; *p; p++)
            h = h * 33 + (unsigned char)*p;
    return (void *)h;
}

int start_session(pthread_t *tid, const char *name, int iterations)
{
    struct start_args sa;
    int rc;

    snprintf(sa.name, sizeof sa.name, "%s", name);
    sa.iterations = iterations;
    sem_init(&sa.taken, 0, 0);

    rc = pthread_create(tid, NULL, session, &sa);
    if (rc == 0)
        sem_wait(&sa.taken);
    sem_destroy(&sa.taken);
    return rc;
}
