// The unlocked fast path runs only when `cfg.threads` is 1, and the helper threads are started
// only after `if (cfg.threads == 1) return;`. The field is set before any thread starts and
// keeps its value: where the fast path runs, no helper exists.
#include <pthread.h>
#include <stdlib.h>

struct node { struct node *next; };
struct config { int threads; struct node *to_close; };

static struct config cfg;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void schedule_close(struct node *n)
{
    if (cfg.threads == 1) {
        n->next = cfg.to_close;
        cfg.to_close = n;
        return;
    }
    pthread_mutex_lock(&mu);
    n->next = cfg.to_close;
    cfg.to_close = n;
    pthread_mutex_unlock(&mu);
}

static void *io_thread(void *arg)
{
    schedule_close(arg);
    return NULL;
}

static void start_threads(pthread_t *t)
{
    if (cfg.threads == 1)
        return;
    for (int i = 1; i < cfg.threads; i++)
        pthread_create(&t[i], NULL, io_thread, malloc(sizeof(struct node)));
}

int main(int argc, char **argv)
{
    pthread_t t[8];
    cfg.threads = argc > 1 && atoi(argv[1]) > 1 && atoi(argv[1]) < 8 ? atoi(argv[1]) : 1;
    start_threads(t);
    schedule_close(malloc(sizeof(struct node)));
    for (int i = 1; i < cfg.threads; i++)
        pthread_join(t[i], NULL);
    return cfg.to_close != NULL;
}
