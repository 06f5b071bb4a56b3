// `config.hits` is set once in `main`, before the threads; every worker increments the block it
// points to under `config.lock`.
#include <pthread.h>
#include <stdlib.h>

struct config {
    pthread_mutex_t lock;
    long *hits;
};
static struct config config = {PTHREAD_MUTEX_INITIALIZER, NULL};

static void *serve(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&config.lock);
    config.hits[0] += 1;
    pthread_mutex_unlock(&config.lock);
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
