// The worker adds through its argument's pointer to `done`; main reads `done` before joining.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct task {
    int n;
    int *done;
};

static void *run(void *p)
{
    struct task *t = p;
    for (int i = 0; i < t->n; i++)
        *t->done += 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    int done = 0;
    struct task *t = malloc(sizeof *t);
    t->n = 100;
    t->done = &done;
    pthread_t th;
    pthread_create(&th, NULL, run, t);
    printf("progress %d\n", done);
    pthread_join(th, NULL);
    free(t);
    return 0;
}
