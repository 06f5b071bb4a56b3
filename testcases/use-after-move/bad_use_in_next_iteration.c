// The job is filled in at the top of the loop and pushed at the bottom: from the second
// iteration on, the fill writes into a job the queue already owns.
#include <stdlib.h>

#include "include/queue.h"

int resubmit(struct queue *q, int times)
{
    struct job *job = calloc(1, sizeof *job);
    if (!job)
        return -1;
    for (int i = 0; i < times; i++) {
        job->id = i; //~ ERROR use-after-move
        queue_push(q, job);
    }
    return 0;
}
