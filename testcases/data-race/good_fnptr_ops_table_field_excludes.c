// Two tables of operations, filled positionally and by designators. The thread calls `cls->run`:
// only the functions stored in a `run` field (quiet_run) are entered, not on_log, which has the
// same type and writes a global main writes, but is stored in the `log` field.
#include <pthread.h>

struct worker_class {
    const char *name;
    void (*run)(int n);
    void (*log)(int n);
};

static int last_logged;

static void quiet_run(int n)
{
    (void)n;
}

static void on_log(int n)
{
    last_logged = n;
}

static const struct worker_class quiet_class = {"quiet", quiet_run, NULL};
static const struct worker_class logging_class = {.name = "logging", .log = on_log};

static void *worker(void *arg)
{
    const struct worker_class *cls = arg;
    cls->run(1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, (void *)&quiet_class);
    last_logged = 0;
    logging_class.log(2);
    pthread_join(t, NULL);
    return last_logged;
}
