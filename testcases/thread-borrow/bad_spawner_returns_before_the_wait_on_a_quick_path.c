// `start_session` waits until the thread says it has taken its arguments, except on its quick
// way out for a caller that does not want to wait: there the struct dies at once.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct start_args {
    char name[32];
    int iterations;
    int taken;
};

static pthread_mutex_t start_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_cv = PTHREAD_COND_INITIALIZER;

static void *session(void *arg)
{
    struct start_args *sa = arg;
    char name[32];
    int iters;
    unsigned long h = 5381;

    memcpy(name, sa->name, sizeof name);
    iters = sa->iterations;
    pthread_mutex_lock(&start_mu);
    sa->taken = 1;
    pthread_cond_broadcast(&start_cv);
    pthread_mutex_unlock(&start_mu);

    for (int i = 0; i < iters; i++)
        for (const char *p = name; *p; p++)
            h = h * 33 + (unsigned char)*p;
    return (void *)h;
}

int start_session(pthread_t *tid, const char *name, int iterations, int quick)
{
    struct start_args sa;
    int rc;

    snprintf(sa.name, sizeof sa.name, "%s", name);
    sa.iterations = iterations;
    sa.taken = 0;

    rc = pthread_create(tid, NULL, session, &sa); //~ ERROR thread-borrow
    if (rc == 0 && quick)
        return 0;
    if (rc == 0) {
        pthread_mutex_lock(&start_mu);
        while (!sa.taken)
            pthread_cond_wait(&start_cv, &start_mu);
        pthread_mutex_unlock(&start_mu);
    }
    return rc;
}
