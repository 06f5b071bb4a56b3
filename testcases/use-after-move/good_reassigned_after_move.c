// After the push, `job` is given a fresh allocation before it is used again.
#include <stdlib.h>

#include "include/queue.h"

int submit_batch(struct queue *q, int n)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = 0;
    queue_push(q, job);
    for (int i = 1; i < n; i++) {
        job = malloc(sizeof *job);
        if (!job)
            return -1;
        job->id = i;
        job->payload = NULL;
        queue_push(q, job);
    }
    return 0;
}
