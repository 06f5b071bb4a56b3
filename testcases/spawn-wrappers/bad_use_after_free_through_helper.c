// `job_destroy` frees its parameter on every path that returns, so the call moves `job`
// away from the caller (a summary, no annotation needed); reading `job->id` afterwards is a
// use after free.
#include <stdio.h>
#include <stdlib.h>

struct job {
    int id;
    char *payload;
};

static void job_destroy(struct job *job)
{
    if (!job)
        return;
    free(job->payload);
    free(job);
}

void finish_job(struct job *job)
{
    job_destroy(job);
    printf("job %d done\n", job->id); //~ ERROR use-after-move
}
