// A copy of the pointer, made before the move, is just as dead as the original afterwards.
#include <stdio.h>
#include <stdlib.h>

#include "include/queue.h"

int submit_and_trace(struct queue *q, struct job *job)
{
    struct job *trace = job;
    queue_push(q, job);
    printf("submitted %d\n", trace->id); //~ ERROR use-after-move
    return 0;
}
