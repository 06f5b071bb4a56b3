// A call through `char *(*)(struct req *)` cannot reach `void *thread_entry(void *)`: `void *` is
// no wildcard between function types (fio's `td->io_ops->errdetails(io_u)` was matched to every
// thread start function, which put each thread's body in every thread that logs an error).
#include <pthread.h>
#include <stdio.h>
struct req { int err; };
struct ops { char *(*details)(struct req *); };
static int counter;                          /* touched only by thread_entry */

static char *req_details(struct req *r) { (void)r; return "detail"; }
static const struct ops the_ops = { .details = req_details };

static void log_error(const struct ops *o, struct req *r) {
    if (o->details)
        puts(o->details(r));                 /* can only call req_details */
}
static void *thread_entry(void *arg) { counter++; return arg; }
static void *worker(void *arg) {
    struct req r = { 1 };
    log_error(&the_ops, &r);
    return arg;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, thread_entry, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
