// A call through a function pointer that is given a function (`notify(on_done)`, nginx's
// `ngx_notify(ngx_thread_pool_handler)`) cannot reach a function whose parameter is a pointer to
// a struct: `setup` (only named by a table of hooks) never runs in the worker thread, so its
// write of `configured` does not race with main's.
#include <pthread.h>

struct cycle {
    int n;
};

struct actions {
    int (*notify)(void (*handler)(int));
};

static struct actions acts;
static int configured;

static int setup(struct cycle *c)
{
    configured = c->n;
    return 0;
}

int (*const init_hooks[])(struct cycle *) = {setup};

static void on_done(int x) { (void)x; }

static void *worker(void *arg)
{
    (void)arg;
    if (acts.notify)
        acts.notify(on_done);
    return NULL;
}

int main(void)
{
    struct cycle c = {1};
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    configured = 2;
    pthread_join(t, NULL);
    return init_hooks[0](&c);
}
