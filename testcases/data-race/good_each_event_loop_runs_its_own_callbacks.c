// fearless-flags: --verbose
// Two event loops, one per thread, each dispatching the callback its own handle holds (libuv's
// shape: `stream->connect_req->cb(...)`). The field holds two callbacks, one per loop; which one
// a handle holds is not known, so the race through `on_main_event` in the worker is not reported.
#include <pthread.h>

struct handle {
    void (*cb)(struct handle *h);
};

static int main_events;

static void on_main_event(struct handle *h)
{
    (void)h;
    main_events++; //~ NOTE data-race
}

static void on_worker_event(struct handle *h)
{
    (void)h;
}

static void run_loop(struct handle *h)
{
    h->cb(h);
}

static void *worker(void *arg)
{
    (void)arg;
    struct handle mine;
    mine.cb = on_worker_event;
    run_loop(&mine);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct handle mine;
    mine.cb = on_main_event;
    pthread_create(&t, NULL, worker, NULL);
    run_loop(&mine);
    pthread_join(t, NULL);
    return main_events;
}
