// queue_push takes ownership of the job (FL_MOVE on its prototype in include/queue.h): the
// job may already be popped and freed by a worker when it is logged.
#include <stdlib.h>

#include "include/queue.h"

int submit(struct queue *q, int id)
{
    struct job *job = calloc(1, sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    int rc = queue_push(q, job);
    job_log(job, rc == 0 ? "queued" : "dropped"); //~ ERROR use-after-move
    return rc;
}
