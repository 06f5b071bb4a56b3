// C11 threads: a job queue whose push takes the queue lock twice.
#include <threads.h>

struct job_queue {
    mtx_t mu;
    int jobs[128];
    int head, tail;
};

int queue_push(struct job_queue *q, int job)
{
    if (mtx_lock(&q->mu) != thrd_success)
        return -1;
    q->jobs[q->tail] = job;
    mtx_lock(&q->mu); //~ ERROR double-lock
    q->tail = (q->tail + 1) % 128;
    mtx_unlock(&q->mu);
    return 0;
}
