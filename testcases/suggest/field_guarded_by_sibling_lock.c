// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* A struct whose functions lock its own `mu` around `n`: GUARDED_BY(mu), and the one read in a
   function that locks `mu` elsewhere but not there is the likely bug. The constructor's writes
   (memory it allocated itself) are no evidence either way. */
#include <pthread.h>
#include <stdlib.h>

struct job {
    pthread_mutex_t mu;
    int n; //~ NOTE suggest-guarded-by
    int total; //~ NOTE suggest-guarded-by
};

struct job *job_new(void)
{
    struct job *j = calloc(1, sizeof *j);
    pthread_mutex_init(&j->mu, NULL);
    j->n = 0;
    j->total = 0;
    return j;
}

void job_add(struct job *j, int k)
{
    pthread_mutex_lock(&j->mu);
    j->n += k;
    j->total += k;
    pthread_mutex_unlock(&j->mu);
}

int job_take(struct job *j)
{
    pthread_mutex_lock(&j->mu);
    int k = j->n;
    j->n = 0;
    pthread_mutex_unlock(&j->mu);
    return k;
}

int job_peek(struct job *j)
{
    int k = j->n; /* the likely bug */
    pthread_mutex_lock(&j->mu);
    int t = j->total;
    pthread_mutex_unlock(&j->mu);
    return k + t;
}

/* never locks `mu`: its callers may hold it */
int job_total_locked(struct job *j)
{
    return j->total;
}
