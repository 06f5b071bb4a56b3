// Detached workers borrow main's `jobs[]`; each counts `pending` down after its last use of its
// job, and main returns only once the count is zero: no worker uses `jobs` after main returns.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define NJOBS 4

struct job {
    int input;
    long result;
};

static int pending = NJOBS;

static void *worker(void *arg)
{
    struct job *j = arg;
    j->result = (long)j->input * j->input;
    __atomic_fetch_sub(&pending, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(void)
{
    struct job jobs[NJOBS];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < NJOBS; i++) {
        pthread_t t;
        jobs[i].input = i;
        if (pthread_create(&t, &attr, worker, &jobs[i]) != 0)
            return 1;
    }
    pthread_attr_destroy(&attr);
    while (__atomic_load_n(&pending, __ATOMIC_ACQUIRE) > 0)
        usleep(100);
    for (int i = 0; i < NJOBS; i++)
        printf("%ld\n", jobs[i].result);
    return 0;
}
