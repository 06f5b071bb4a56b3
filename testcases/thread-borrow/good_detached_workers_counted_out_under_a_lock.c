// Detached workers borrow run_jobs()'s `jobs[]`; each counts itself out under the lock and wakes
// run_jobs(), which waits for the count to reach zero before it reads the results and returns.
#include <pthread.h>
#include <stdio.h>

#define N 4
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int pending = N;

struct job { int in; long out; };

static void *worker(void *arg)
{
    struct job *j = arg;
    j->out = (long)j->in * 3;
    pthread_mutex_lock(&mu);
    if (--pending == 0)
        pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    return NULL;
}

static long run_jobs(void)
{
    struct job jobs[N];
    long sum = 0;
    for (int i = 0; i < N; i++) {
        pthread_t t;
        jobs[i].in = i;
        pthread_create(&t, NULL, worker, &jobs[i]);
        pthread_detach(t);
    }
    pthread_mutex_lock(&mu);
    while (pending > 0)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < N; i++)
        sum += jobs[i].out;
    return sum;
}

int main(void)
{
    printf("%ld\n", run_jobs());
    return 0;
}
