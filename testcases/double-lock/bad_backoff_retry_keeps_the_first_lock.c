// Lock two buffers without deadlocking: take the first, try the second, and back off when the
// try fails. The back-off forgets to give the first lock back, so the next round of the loop
// locks `first->lock` again while this thread still holds it.
#include <pthread.h>
#include <sched.h>

struct buf {
    pthread_mutex_t lock;
    char data[256];
};

void lock_pair(struct buf *first, struct buf *second)
{
    for (;;) {
        pthread_mutex_lock(&first->lock); //~ ERROR double-lock
        if (pthread_mutex_trylock(&second->lock) == 0)
            return;
        sched_yield(); /* back off and retry */
    }
}
