// The same fast path, but `cfg.threads` is changed by a thread after the helpers started: the
// test does not keep its answer, and the unlocked path races with the helpers' locked one.
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
        cfg.to_close = n; //~ ERROR data-race
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

static void *reconfigure(void *arg)
{
    cfg.threads = 1; //~ ERROR data-race
    return arg;
}

int main(int argc, char **argv)
{
    pthread_t t[8], r;
    cfg.threads = argc > 1 && atoi(argv[1]) > 1 && atoi(argv[1]) < 8 ? atoi(argv[1]) : 1;
    if (cfg.threads == 1)
        return 0;
    for (int i = 1; i < cfg.threads; i++)
        pthread_create(&t[i], NULL, io_thread, malloc(sizeof(struct node)));
    pthread_create(&r, NULL, reconfigure, NULL);
    schedule_close(malloc(sizeof(struct node)));
    for (int i = 1; i < cfg.threads; i++)
        pthread_join(t[i], NULL);
    pthread_join(r, NULL);
    return cfg.to_close != NULL;
}
