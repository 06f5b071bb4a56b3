// C11 threads: a full queue makes push return with the queue locked.
#include <threads.h>

struct job_queue {
    mtx_t mu;
    int jobs[64];
    int n;
};

int queue_push(struct job_queue *q, int job)
{
    mtx_lock(&q->mu);
    if (q->n == 64)
        return -1; //~ ERROR lock-leak
    q->jobs[q->n++] = job;
    mtx_unlock(&q->mu);
    return 0;
}
