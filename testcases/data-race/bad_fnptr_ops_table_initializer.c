// A table of operations filled by designated initializers (`.run = busy_run`), as C programs pick
// a backend: the thread calls `cls->run`, which enters busy_run, and busy_run writes `ticks`
// while main writes it too.
#include <pthread.h>

struct worker_class {
    const char *name;
    void (*run)(int n);
    void (*stop)(void);
};

static int ticks;

static void busy_run(int n)
{
    ticks += n; //~ ERROR data-race
}

static void busy_stop(void)
{
}

static const struct worker_class busy_class = {
    .name = "busy",
    .run = busy_run,
    .stop = busy_stop,
};

static void *worker(void *arg)
{
    const struct worker_class *cls = arg;
    cls->run(1);
    cls->stop();
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, (void *)&busy_class);
    ticks = 0;
    pthread_join(t, NULL);
    return ticks;
}
