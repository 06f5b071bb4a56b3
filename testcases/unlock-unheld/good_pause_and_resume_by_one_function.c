// `pause_threads(PAUSE)` takes `worker_hang_lock` and returns holding it, so that the workers
// pile up on it; `pause_threads(RESUME)` gives it back. The function waits for the lock on one
// arm of the switch and unlocks it on another: its callers do hold it when they resume.
#include <pthread.h>

enum pause_type { PAUSE, RESUME };

static pthread_mutex_t worker_hang_lock = PTHREAD_MUTEX_INITIALIZER;
static long handled;

void pause_threads(enum pause_type type)
{
    switch (type) {
    case PAUSE:
        pthread_mutex_lock(&worker_hang_lock);
        break;
    case RESUME:
        pthread_mutex_unlock(&worker_hang_lock);
        break;
    }
}

static void *worker(void *arg)
{
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&worker_hang_lock);
        pthread_mutex_unlock(&worker_hang_lock);
        __atomic_fetch_add(&handled, 1, __ATOMIC_RELAXED);
    }
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pause_threads(PAUSE);
    pause_threads(RESUME);
    pthread_join(t, NULL);
    return 0;
}
