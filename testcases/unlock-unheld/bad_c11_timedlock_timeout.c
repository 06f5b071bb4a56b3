// C11: when mtx_timedlock times out the queue is not locked, yet the timeout path unlocks it.
#include <threads.h>
#include <time.h>

struct job_queue {
    mtx_t mu;
    int jobs[64];
    int n, dropped;
};

int queue_push_timed(struct job_queue *q, int job, const struct timespec *deadline)
{
    if (mtx_timedlock(&q->mu, deadline) != thrd_success) {
        q->dropped++;
        mtx_unlock(&q->mu); //~ ERROR unlock-unheld
        return -1;
    }
    if (q->n < 64)
        q->jobs[q->n++] = job;
    mtx_unlock(&q->mu);
    return 0;
}
