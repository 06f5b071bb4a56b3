// `main` allocates the table, publishes it through `shared` and keeps writing it through its own
// pointer `p` while the thread increments it through `shared`: one block, two names.
#include <pthread.h>
#include <stdlib.h>

static int *shared;

static void *bump(void *arg)
{
    (void)arg;
    shared[0]++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    int *p = calloc(4, sizeof *p);
    shared = p;
    pthread_t a;
    pthread_create(&a, NULL, bump, NULL);
    p[0] = 5;
    pthread_join(a, NULL);
    free(p);
    return 0;
}
