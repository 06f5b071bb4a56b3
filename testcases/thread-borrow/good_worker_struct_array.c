// Handles kept in an array of structs: w[i].tid created and joined in loops.
#include <pthread.h>

struct worker {
    pthread_t tid;
    int id;
    long result;
};

static void *run(void *arg)
{
    struct worker *w = arg;
    w->result = w->id * 10L;
    return NULL;
}

long run_pool(int n)
{
    struct worker w[16];
    if (n > 16)
        n = 16;
    for (int i = 0; i < n; i++) {
        w[i].id = i;
        pthread_create(&w[i].tid, NULL, run, &w[i]);
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(w[i].tid, NULL);
        total += w[i].result;
    }
    return total;
}
