// The object is freed while the thread it was given to may still write it.
#include <pthread.h>
#include <stdlib.h>

struct job {
    int done;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    j->done = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct job *j = malloc(sizeof *j);
    if (!j)
        return 1;
    pthread_create(&t, NULL, worker, j);
    free(j); //~ ERROR data-race
    pthread_join(t, NULL);
    return 0;
}
