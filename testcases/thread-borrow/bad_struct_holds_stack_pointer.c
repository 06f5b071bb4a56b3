// The struct passed to the thread holds `&done`, declared in an inner block.
#include <pthread.h>
#include <stdbool.h>

struct task {
    int n;
    bool *done;
};

static void *run(void *arg)
{
    struct task *task = arg;
    *task->done = true;
    return NULL;
}

void run_task(void)
{
    static struct task task;
    pthread_t t;
    {
        bool done = false;
        task.n = 3;
        struct task *tp = &task;
        tp->done = &done;
        pthread_create(&t, NULL, run, tp); //~ ERROR thread-borrow
    }
    pthread_join(t, NULL);
}
