// Each iteration locks and either unlocks before going round again or leaves the loop holding
// the lock, which is released after it: never locked twice.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued;

int wait_for_room(int limit)
{
    for (;;) {
        pthread_mutex_lock(&queue_lock);
        if (queued < limit)
            break;
        pthread_mutex_unlock(&queue_lock);
    }
    int slot = queued++;
    pthread_mutex_unlock(&queue_lock);
    return slot;
}
