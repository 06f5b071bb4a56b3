// Both workers get the same context and bump the counter its `hits` field points to, without a
// lock: the counter is one location, reached through a pointer field of the shared argument.
#include <pthread.h>

struct context {
    long *hits;
};

static void *worker(void *arg)
{
    struct context *c = arg;
    (*c->hits)++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    long hits = 0;
    struct context c = {&hits};
    pthread_t a, b;
    pthread_create(&a, NULL, worker, &c);
    pthread_create(&b, NULL, worker, &c);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)hits;
}
