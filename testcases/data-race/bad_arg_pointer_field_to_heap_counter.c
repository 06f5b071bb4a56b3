// One counter on the heap; each thread's own context points to it: both increment it unlocked.
#include <pthread.h>
#include <stdlib.h>

typedef struct {
    int id;
    int *count;
} ctx_t;

static void *work(void *arg)
{
    ctx_t *c = (ctx_t *)arg;
    (*c->count)++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    int *cnt = malloc(sizeof *cnt);
    *cnt = 0;
    ctx_t *c1 = malloc(sizeof *c1), *c2 = malloc(sizeof *c2);
    c1->id = 1;
    c1->count = cnt;
    c2->id = 2;
    c2->count = cnt;
    pthread_t a, b;
    pthread_create(&a, NULL, work, c1);
    pthread_create(&b, NULL, work, c2);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    int n = *cnt;
    free(c1);
    free(c2);
    free(cnt);
    return n;
}
