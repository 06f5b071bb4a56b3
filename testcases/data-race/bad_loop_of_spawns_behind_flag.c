// main spawns its workers behind a `started` flag, so it starts them once; but it starts four
// of them in a loop, and they race with each other on the counter.
#include <pthread.h>
#include <stdbool.h>

static bool started;
static long jobs_done;
static pthread_t workers[4];

static void *worker(void *arg)
{
    (void)arg;
    jobs_done++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    if (!started) {
        for (int i = 0; i < 4; i++)
            pthread_create(&workers[i], NULL, worker, NULL);
        started = true;
    }
    for (int i = 0; i < 4; i++)
        pthread_join(workers[i], NULL);
    return (int)jobs_done;
}
