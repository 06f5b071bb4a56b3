// `cur->hits` reads `cur`, which main changes while the worker runs.
#include <pthread.h>

struct node {
    long hits;
};

static struct node *cur;

static void *worker(void *arg)
{
    (void)arg;
    cur->hits++;
    return NULL;
}

int main(void)
{
    pthread_t t;
    static struct node a, b;
    cur = &a;
    pthread_create(&t, NULL, worker, NULL);
    cur = &b; //~ ERROR data-race
    pthread_join(t, NULL);
    return 0;
}
