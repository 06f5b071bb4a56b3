// job_destroy frees its argument on every path (fearless reads that from its body), so the job
// is gone when its id is logged.
#include <stdio.h>
#include <stdlib.h>

struct job {
    int id;
    char *payload;
};

static void job_destroy(struct job *j)
{
    free(j->payload);
    free(j);
}

void finish(struct job *job)
{
    job_destroy(job);
    printf("job %d finished\n", job->id); //~ ERROR use-after-move
}
