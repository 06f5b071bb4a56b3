// The workers of good_detached_workers_counted_down_before_return.c, with main giving up on
// them after a while: on that way out the workers may still use `jobs` after main returns.
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
    j->result = (long)j->input * j->input; //~ ERROR data-race
    __atomic_fetch_sub(&pending, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(void)
{
    struct job jobs[NJOBS];
    int spins = 0;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < NJOBS; i++) {
        pthread_t t;
        jobs[i].input = i;
        if (pthread_create(&t, &attr, worker, &jobs[i]) != 0) //~ ERROR thread-borrow
            return 1;
    }
    pthread_attr_destroy(&attr);
    while (__atomic_load_n(&pending, __ATOMIC_ACQUIRE) > 0 && spins++ < 1000)
        usleep(100);
    for (int i = 0; i < NJOBS; i++)
        printf("%ld\n", jobs[i].result);
    return 0;
}
