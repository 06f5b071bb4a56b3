/* parallel_sum.c - sums an array on several threads.
 *
 * BUGS:
 *  - sum_halves() hands the low half to a thread and sums the high half itself; when its
 *    overflow check fails it returns early, while the thread is still writing `lo.sum`;
 *  - print_worker_ids() passes &i, the loop counter, to every thread: `i` goes out of scope
 *    when the loop ends, before the threads are joined (and they all race on it meanwhile).
 *
 * fearless: 2 errors [thread-borrow]
 */
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

struct slice {
    const long *data;
    size_t len;
    long sum;
};

static void *sum_slice(void *arg)
{
    struct slice *s = arg;
    s->sum = 0;
    for (size_t i = 0; i < s->len; i++)
        s->sum += s->data[i];
    return NULL;
}

int sum_halves(const long *data, size_t len, long *total)
{
    struct slice lo = {data, len / 2, 0};
    struct slice hi = {data + len / 2, len - len / 2, 0};
    pthread_t helper;

    if (pthread_create(&helper, NULL, sum_slice, &lo) != 0)
        return -1;
    sum_slice(&hi);
    if (hi.sum < 0)
        return -1; /* overflowed: give up */
    pthread_join(helper, NULL);
    *total = lo.sum + hi.sum;
    return 0;
}

static void *print_id(void *arg)
{
    printf("worker %d ready\n", *(int *)arg);
    return NULL;
}

void print_worker_ids(void)
{
    pthread_t threads[NTHREADS];
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&threads[i], NULL, print_id, &i);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(threads[k], NULL);
}
