// Each worker adds into the total its job points to, named by a designator: each job points to
// a total of its own.
#include <pthread.h>

struct job {
    int n;
    long *sum;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    for (int i = 0; i < j->n; i++)
        *j->sum += i;
    return 0;
}

int main(void)
{
    long total = 0, other = 0;
    struct job a = {.sum = &total, .n = 100};
    struct job b = {.n = 50, .sum = &other};
    pthread_t t1, t2;
    pthread_create(&t1, 0, worker, &a);
    pthread_create(&t2, 0, worker, &b);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    return (int)total;
}
