// The lock is taken on every iteration and released only after the loop: the second iteration
// waits for the lock the first one still holds.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queue[16];
static int queued;

void enqueue_all(const int *items, int n)
{
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(&queue_lock); //~ ERROR double-lock
        queue[queued++ % 16] = items[i];
    }
    pthread_mutex_unlock(&queue_lock);
}
