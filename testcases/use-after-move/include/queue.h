/* queue.h - a bounded work queue shared by the use-after-move cases. The queue takes ownership
   of every job pushed into it: a worker thread pops it and frees it. */
#ifndef UAM_QUEUE_H
#define UAM_QUEUE_H

#include "../../../annotations/fearless.h"

struct job {
    int id;
    char *payload;
};

struct queue;

/* Ownership of `job` passes to the queue, even when the push fails (the queue frees it). */
int queue_push(struct queue *q, struct job *FL_MOVE job);
struct job *queue_pop(struct queue *q);
void job_log(const struct job *job, const char *what);

#endif
