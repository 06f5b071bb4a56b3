// `queue_push` sends its job to another thread (FL_SENDS in include/queue.h): after the push,
// the worker that pops the job owns it, and writing `job->priority` races with it.
#include <stdlib.h>
#include "include/queue.h"

int submit(struct queue *q, int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    job->priority = 0;
    if (queue_push(q, job) != 0)
        return -1;
    job->priority = 1; //~ ERROR use-after-move
    return 0;
}
