// The same error path in a function other than `main`: when the worker cannot be started,
// `start_pair` returns while the watchdog it started still counts into `stalls`, a local that
// dies with the return. Only returning from `main` ends the program.
#include <pthread.h>
#include <stdio.h>

static void *watchdog(void *arg)
{
    unsigned long *stalls = arg;
    (*stalls)++;
    return NULL;
}

static void *worker(void *arg)
{
    (void)arg;
    return NULL;
}

int start_pair(void)
{
    pthread_t watchdog_tid, worker_tid;
    unsigned long stalls = 0;

    if (pthread_create(&watchdog_tid, NULL, watchdog, &stalls) != 0) //~ ERROR thread-borrow
        return -1;
    if (pthread_create(&worker_tid, NULL, worker, NULL) != 0) {
        fprintf(stderr, "cannot start the worker\n");
        return -1;
    }
    pthread_join(worker_tid, NULL);
    pthread_join(watchdog_tid, NULL);
    return (int)stalls;
}

int main(void)
{
    return start_pair() < 0;
}
