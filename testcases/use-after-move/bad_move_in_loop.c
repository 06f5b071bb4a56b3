// The same job is pushed on every iteration: from the second iteration on the queue already
// owns it.
#include <stdlib.h>

#include "include/queue.h"

int fan_out(struct queue **queues, int nqueues, int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    job->payload = NULL;
    for (int i = 0; i < nqueues; i++)
        queue_push(queues[i], job); //~ ERROR use-after-move
    return 0;
}
