// The worker enters run() while `stop` is zero, but run() waits for `stop` to change: a flag a
// loop polls says nothing for good, and the write after the loop races with main's read.
#include <pthread.h>
#include <unistd.h>

static volatile int stop;
static long total;

static void run(void)
{
    while (!stop)
        usleep(10);
    total += 1; //~ ERROR data-race
}

static void *worker(void *arg)
{
    if (!stop)
        run();
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    stop = 1; //~ ERROR data-race
    long seen = total;
    pthread_join(t, NULL);
    return (int)seen;
}
