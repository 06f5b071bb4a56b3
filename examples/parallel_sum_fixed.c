/* parallel_sum_fixed.c - parallel_sum.c done right: the helper thread is joined before the
 * early return; each thread gets its own id instead of a pointer to the shared loop counter;
 * and when a pthread_create fails, the threads already started are joined before `slices`
 * goes away.
 *
 * fearless: clean
 */
#include <pthread.h>
#include <stdint.h>
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

int sum_parallel(const long *data, size_t len, long *total)
{
    struct slice slices[NTHREADS];
    pthread_t threads[NTHREADS];
    size_t per = len / NTHREADS;
    int started = 0;

    for (; started < NTHREADS; started++) {
        slices[started].data = data + started * per;
        slices[started].len = started == NTHREADS - 1 ? len - started * per : per;
        if (pthread_create(&threads[started], NULL, sum_slice, &slices[started]) != 0)
            break;
    }
    *total = 0;
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        *total += slices[i].sum;
    }
    return started == NTHREADS ? 0 : -1;
}

int sum_halves(const long *data, size_t len, long *total)
{
    struct slice lo = {data, len / 2, 0};
    struct slice hi = {data + len / 2, len - len / 2, 0};
    pthread_t helper;

    if (pthread_create(&helper, NULL, sum_slice, &lo) != 0)
        return -1;
    sum_slice(&hi);
    pthread_join(helper, NULL);
    if (lo.sum < 0 || hi.sum < 0)
        return -1; /* overflowed: give up */
    *total = lo.sum + hi.sum;
    return 0;
}

static void *print_id(void *arg)
{
    printf("worker %d ready\n", (int)(intptr_t)arg);
    return NULL;
}

void print_worker_ids(void)
{
    pthread_t threads[NTHREADS];
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&threads[i], NULL, print_id, (void *)(intptr_t)i);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(threads[k], NULL);
}
