// `main` locks `ready_lock` before it starts the worker, and the worker unlocks it when it is
// set up: a hand-over, which glibc's default mutexes allow (the lock is a one-shot signal).
#include <pthread.h>

static pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;
static int setup_done;

static void *worker(void *arg)
{
    setup_done = 1;
    pthread_mutex_unlock(&ready_lock);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_mutex_lock(&ready_lock);
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&ready_lock);
    pthread_mutex_unlock(&ready_lock);
    pthread_join(t, NULL);
    return setup_done;
}
