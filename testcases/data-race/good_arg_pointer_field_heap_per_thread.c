// Each iteration allocates the counter it hands to its thread: one `cnt` in the code, a new
// object each time round, so no two threads share one.
#include <pthread.h>
#include <stdlib.h>

typedef struct {
    int *count;
} ctx_t;

static void *work(void *arg)
{
    ctx_t *c = arg;
    (*c->count)++;
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    ctx_t ctx[4];
    int *counts[4];
    for (int i = 0; i < 4; i++) {
        int *cnt = calloc(1, sizeof *cnt);
        counts[i] = cnt;
        ctx[i].count = cnt;
        pthread_create(&t[i], NULL, work, &ctx[i]);
    }
    int total = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        total += *counts[i];
        free(counts[i]);
    }
    return total;
}
