// The job is on the heap, and main keeps writing to it after handing it to the thread.
#include <pthread.h>
#include <stdlib.h>

struct job {
    int input;
    int cancelled;
};

static void *run(void *arg)
{
    struct job *j = arg;
    if (j->cancelled)
        return NULL;
    return (void *)(long)j->input;
}

int main(void)
{
    struct job *j = malloc(sizeof *j);
    pthread_t t;
    if (!j)
        return 1;
    j->input = 7;
    j->cancelled = 0;
    pthread_create(&t, NULL, run, j);
    j->cancelled = 1; //~ ERROR data-race
    pthread_join(t, NULL);
    free(j);
    return 0;
}
