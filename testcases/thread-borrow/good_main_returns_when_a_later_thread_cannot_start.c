// `main` gives the watchdog a counter on its stack, then starts the worker; when the worker
// cannot be started, main returns with an error while the watchdog still runs. Returning from
// main ends the program: the error exit is no borrow outliving its owner.
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

int main(void)
{
    pthread_t watchdog_tid, worker_tid;
    unsigned long stalls = 0;

    if (pthread_create(&watchdog_tid, NULL, watchdog, &stalls) != 0)
        return 1;
    if (pthread_create(&worker_tid, NULL, worker, NULL) != 0) {
        fprintf(stderr, "cannot start the worker\n");
        return 1;
    }
    pthread_join(worker_tid, NULL);
    pthread_join(watchdog_tid, NULL);
    printf("%lu\n", stalls);
    return 0;
}
