// Each worker adds into the total its job points to, named by a designator: both jobs point to
// the same total, updated without a lock.
#include <pthread.h>

struct job {
    int n;
    long *sum;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    for (int i = 0; i < j->n; i++)
        *j->sum += i; //~ ERROR data-race
    return 0;
}

int main(void)
{
    long total = 0;
    struct job a = {.sum = &total, .n = 100};
    struct job b = {.n = 50, .sum = &total};
    pthread_t t1, t2;
    pthread_create(&t1, 0, worker, &a);
    pthread_create(&t2, 0, worker, &b);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    return (int)total;
}
