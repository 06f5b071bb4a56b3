// `job_release` frees the job only when its last reference goes: on the other path the caller
// still owns it, so using it after the call is not reported (the summary says "may move").
#include <stdio.h>
#include <stdlib.h>

struct job {
    int refs;
    int id;
};

static int job_release(struct job *job)
{
    if (--job->refs > 0)
        return 1;
    free(job);
    return 0;
}

void drop_reference(struct job *job)
{
    int id = job->id;
    if (job_release(job))
        printf("job %d still has %d references\n", id, job->refs);
}
