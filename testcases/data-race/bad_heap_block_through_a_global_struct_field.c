// `config.hits` is set once in `main`, before the threads, and never changed: every worker
// increments the same heap block through it, with no lock.
#include <pthread.h>
#include <stdlib.h>

struct config {
    long *hits;
    int verbose;
};
static struct config config;

static void *serve(void *arg)
{
    (void)arg;
    config.hits[0] += 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    config.hits = calloc(1, sizeof *config.hits);
    pthread_t a, b;
    pthread_create(&a, NULL, serve, NULL);
    pthread_create(&b, NULL, serve, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    free(config.hits);
    return 0;
}
