// The same back-off, written right: when the try of the second lock fails, the first is given
// back before the loop takes it again.
#include <pthread.h>
#include <sched.h>

struct buf {
    pthread_mutex_t lock;
    char data[256];
};

void lock_pair(struct buf *first, struct buf *second)
{
    for (;;) {
        pthread_mutex_lock(&first->lock);
        if (pthread_mutex_trylock(&second->lock) == 0)
            return;
        pthread_mutex_unlock(&first->lock);
        sched_yield();
    }
}
