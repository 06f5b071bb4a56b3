// Detached workers fill their range of the output, then count themselves out with GCC's
// __sync_fetch_and_sub (which clang names by its operand's size, `__sync_fetch_and_sub_4`); main
// spins until the counter reaches zero before it reads the output. The failure paths count the
// workers that never started out as well.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define NSAMPLES 1024
#define NTHREADS 4

struct range {
    int first, last;
};

static double g_out[NSAMPLES];
static int g_pending;

static void *fill(void *arg)
{
    struct range r = *(struct range *)arg;
    free(arg);
    for (int i = r.first; i < r.last; i++)
        g_out[i] = i * 0.5;
    __sync_fetch_and_sub(&g_pending, 1);
    return NULL;
}

int main(void)
{
    double sum = 0;
    __atomic_store_n(&g_pending, NTHREADS, __ATOMIC_RELAXED);
    for (int t = 0; t < NTHREADS; t++) {
        struct range *r = malloc(sizeof *r);
        pthread_t tid;
        if (!r) {
            __sync_fetch_and_sub(&g_pending, 1);
            continue;
        }
        r->first = t * (NSAMPLES / NTHREADS);
        r->last = r->first + NSAMPLES / NTHREADS;
        if (pthread_create(&tid, NULL, fill, r) != 0) {
            free(r);
            __sync_fetch_and_sub(&g_pending, 1);
            continue;
        }
        pthread_detach(tid);
    }
    while (__atomic_load_n(&g_pending, __ATOMIC_ACQUIRE) > 0)
        sched_yield();
    for (int i = 0; i < NSAMPLES; i++)
        sum += g_out[i];
    printf("%f\n", sum);
    return 0;
}
