// The argument is heap memory, but it carries the address of a local.
#include <pthread.h>
#include <stdlib.h>

struct job {
    int input;
    int *result;
};

static void *run_job(void *arg)
{
    struct job *job = arg;
    *job->result = job->input * 2;
    free(job);
    return NULL;
}

int submit(int input)
{
    int result = 0;
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->input = input;
    job->result = &result;
    pthread_t t;
    pthread_create(&t, NULL, run_job, job); //~ ERROR thread-borrow
    pthread_detach(t);
    return 0;
}
