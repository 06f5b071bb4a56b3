// `flush_queue` returns 1 with `queue_lock` still held on its early way out, and 0 after unlocking.
// That could be a helper that tells its caller "you hold the lock now", but its only caller never
// unlocks `queue_lock`: the early return is a leak.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued;

int flush_queue(int stopping)
{
    pthread_mutex_lock(&queue_lock);
    if (stopping)
        return 1; //~ ERROR lock-leak
    queued = 0;
    pthread_mutex_unlock(&queue_lock);
    return 0;
}

int main(int argc, char **argv)
{
    (void)argv;
    return flush_queue(argc > 1);
}
