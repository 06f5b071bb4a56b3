// Everything the caller needs from the job is read before it is handed to the queue.
#include <stdio.h>
#include <stdlib.h>

#include "include/queue.h"

int submit(struct queue *q, struct job *job)
{
    int id = job->id;
    job_log(job, "queueing");
    if (queue_push(q, job) != 0) {
        printf("job %d dropped\n", id);
        return -1;
    }
    printf("job %d queued\n", id);
    return 0;
}
