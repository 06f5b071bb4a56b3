#include <stdlib.h>

struct job {
    char *name;
};

/* Frees the job on every path: a call moves it. */
void job_destroy(struct job *j)
{
    if (!j)
        return;
    free(j->name);
    free(j);
}
