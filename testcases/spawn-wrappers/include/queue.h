/* queue.h - a work queue whose sources fearless does not see: pushing sends the job to the
   worker threads that pop it. */
#ifndef QUEUE_H
#define QUEUE_H

#include "../../../annotations/fearless.h"

struct queue;
struct job {
    int id;
    int priority;
};

int queue_push(struct queue *q, FL_SENDS struct job *job);

#endif
