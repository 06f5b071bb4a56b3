// Each thread runs the callback of the task it is given; both tasks are initialized with
// `add_bytes`, which updates `total_bytes` without a lock.
#include <pthread.h>

struct task {
    void (*run)(long);
    long arg;
};
static long total_bytes;

static void add_bytes(long n)
{
    total_bytes += n; //~ ERROR data-race
}

static void *worker(void *p)
{
    struct task *t = p;
    t->run(t->arg);
    return NULL;
}

int main(void)
{
    struct task small = {add_bytes, 10};
    struct task big = {add_bytes, 4096};
    pthread_t a, b;
    pthread_create(&a, NULL, worker, &small);
    pthread_create(&b, NULL, worker, &big);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
